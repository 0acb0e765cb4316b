import { api } from '../../app/api';

/** Answer of GET /api/org/info (also the base of GET /api/suborgs/:id). */
export interface OrgInfo {
  id: number;
  type: string;
  typeName: string;
  hrLevel: string | null;
  hrLevelName: string | null;
  name: string;
  creditCode: string;
  divisionCode: string;
  divisionName: string;
  parentId: number | null;
  parentName: string | null;
  contactName: string;
  contactPhone: string;
  address: string;
  status: string;
  statusName: string;
  createdAt: string;
  updatedAt: string;
  /** The values of an org-info change request waiting for the superior's review (null when none). */
  pendingChange?: OrgInfoEdit | null;
}

export interface OrgInfoEdit {
  name: string;
  contactName: string;
  contactPhone: string;
  address: string;
}

/** Answer of PUT /api/org/info: applied at once (province HR), or filed as a change request for the superior. */
export interface OrgInfoUpdate extends OrgInfo {
  applied: boolean;
  requestId: number | null;
}

export const ORG_INFO_KEY = ['org-info'] as const;

export const orgInfoApi = {
  get: () => api.get<OrgInfo>('/api/org/info'),
  update: (body: OrgInfoEdit) => api.put<OrgInfoUpdate>('/api/org/info', body),
};

export const ORG_INFO_LABELS: Record<keyof OrgInfoEdit, string> = { name: '名称', contactName: '联系人', contactPhone: '联系电话', address: '地址' };
