import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  orgRegistrationBody,
  orgResubmitBody,
  personnelRegistrationBody,
  personnelResubmitBody,
  titleSchema,
  myOrgRegistration,
  myPersonnelRegistration,
  myRegistration,
  OrgType,
  pickerOrg,
  pickerOrgs,
  publicDepartment,
  publicDepartments,
  REGISTRABLE_ORG_TYPES,
  registered,
  resubmitted,
  Wire,
} from '@hbzsgx/domain';
import { api } from '../../app/api';

/** One entry of the public organisation picker (active organisations only). */
export type PickerOrg = Wire<typeof pickerOrg>;
export type PublicDepartment = Wire<typeof publicDepartment>;

export type RegistrableOrgType = (typeof REGISTRABLE_ORG_TYPES)[number];
export type RegisterKind = RegistrableOrgType | 'personnel';

/** Request bodies: the domain's request schemas (what the server validates), as the web sends them. */
export type OrgRegistration = z.output<typeof orgRegistrationBody>;
export type AccountBody = OrgRegistration['admin'];
export type OrgFieldsBody = z.output<typeof orgResubmitBody>;
export type TitleBody = z.output<typeof titleSchema>;
export type PersonnelRegistration = z.output<typeof personnelRegistrationBody>;
export type PersonnelResubmit = z.output<typeof personnelResubmitBody>;

/** Answer of GET /api/registration/me: the organisation's or the person's own registration. */
export type MyOrgRegistration = Wire<typeof myOrgRegistration>;
export type MyPersonnelRegistration = Wire<typeof myPersonnelRegistration>;
export type MyRegistration = Wire<typeof myRegistration>;

/** Which superiors each organisation type may choose (mirrors the server's checkParent). */
export const PARENT_TYPES: Record<RegistrableOrgType, OrgType[]> = {
  employer: ['hr', 'authority'],
  authority: ['hr'],
  base: ['hr'],
  hr: ['hr'],
};

export const REGISTRATION_KEY = ['registration', 'me'] as const;

export const registrationApi = {
  orgs: (q: { types?: OrgType[]; keyword?: string; divisionCode?: string }) =>
    api
      .get<Wire<typeof pickerOrgs>>('/api/register/orgs', { types: q.types?.join(','), keyword: q.keyword, divisionCode: q.divisionCode })
      .then((d) => d.items),
  departments: (orgId: number) => api.get<Wire<typeof publicDepartments>>(`/api/register/orgs/${orgId}/departments`).then((d) => d.items),
  registerOrg: (body: OrgRegistration) => api.post<Wire<typeof registered>>('/api/register/org', body),
  registerPersonnel: (body: PersonnelRegistration) => api.post<Wire<typeof registered>>('/api/register/personnel', body),
  me: () => api.get<MyRegistration>('/api/registration/me'),
  resubmitOrg: (body: OrgFieldsBody) => api.put<Wire<typeof resubmitted>>('/api/registration/me/org', body),
  resubmitPersonnel: (body: PersonnelResubmit) => api.put<Wire<typeof resubmitted>>('/api/registration/me/personnel', body),
};

/** The departments of an active organisation (public: registration, and a fallback where /api/departments is not permitted). */
export function usePublicDepartments(orgId: number | null | undefined) {
  return useQuery({
    queryKey: ['register', 'departments', orgId],
    queryFn: () => registrationApi.departments(orgId!),
    enabled: orgId != null,
    staleTime: 60_000,
  });
}
