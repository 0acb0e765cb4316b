import { useQuery } from '@tanstack/react-query';
import type { IdType, OrgType } from '@hbzsgx/domain';
import { api } from '../../app/api';
import type { Items } from '../../app/types';

/** One entry of the public organisation picker (active organisations only). */
export interface PickerOrg {
  id: number;
  name: string;
  type: OrgType;
  typeName: string;
  hrLevel: string | null;
  divisionCode: string;
  divisionName: string;
}
export interface PublicDepartment {
  id: number;
  name: string;
  parentId: number | null;
}

export type RegistrableOrgType = 'employer' | 'authority' | 'base' | 'hr';
export type RegisterKind = RegistrableOrgType | 'personnel';

export interface AccountBody {
  idType: IdType;
  idNumber: string;
  realName: string;
  phone: string;
  email: string;
  password: string;
  confirmPassword: string;
}
export interface OrgFieldsBody {
  name: string;
  creditCode: string;
  divisionCode: string;
  parentId: number;
  contactName: string;
  contactPhone: string;
  address: string;
}
export interface TitleBody {
  titleSeries: string;
  titleLevel: string;
  titleName: string;
  titleDate: string;
}
export interface OrgRegistration extends OrgFieldsBody {
  type: RegistrableOrgType;
  admin: AccountBody;
}
export interface PersonnelRegistration extends AccountBody, TitleBody {
  orgId: number;
  departmentId: number | null;
  education: string;
}
export interface PersonnelResubmit extends TitleBody {
  realName: string;
  orgId: number;
  departmentId: number | null;
  education: string;
}

export type RegistrationStatus = 'pending' | 'rejected' | 'active';
interface MyRegistrationBase {
  status: RegistrationStatus;
  rejectReason: string | null;
  reviewerName: string | null;
}
export interface MyOrgRegistration extends MyRegistrationBase {
  kind: 'org';
  data: {
    type: RegistrableOrgType;
    name: string;
    creditCode: string;
    divisionCode: string;
    parentId: number | null;
    parentName: string | null;
    contactName: string;
    contactPhone: string;
    address: string;
  };
}
export interface MyPersonnelRegistration extends MyRegistrationBase {
  kind: 'personnel';
  data: {
    realName: string;
    idNumberMasked: string;
    orgId: number;
    orgName: string;
    departmentId: number | null;
    titleSeries: string | null;
    titleLevel: string | null;
    titleName: string | null;
    titleDate: string | null;
    education: string | null;
  };
}
export type MyRegistration = MyOrgRegistration | MyPersonnelRegistration;

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
      .get<Items<PickerOrg>>('/api/register/orgs', { types: q.types?.join(','), keyword: q.keyword, divisionCode: q.divisionCode })
      .then((d) => d.items),
  departments: (orgId: number) => api.get<Items<PublicDepartment>>(`/api/register/orgs/${orgId}/departments`).then((d) => d.items),
  registerOrg: (body: OrgRegistration) => api.post<{ id: number; status: 'pending' }>('/api/register/org', body),
  registerPersonnel: (body: PersonnelRegistration) => api.post<{ id: number; status: 'pending' }>('/api/register/personnel', body),
  me: () => api.get<MyRegistration>('/api/registration/me'),
  resubmitOrg: (body: OrgFieldsBody) => api.put<{ status: 'pending' }>('/api/registration/me/org', body),
  resubmitPersonnel: (body: PersonnelResubmit) => api.put<{ status: 'pending' }>('/api/registration/me/personnel', body),
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
