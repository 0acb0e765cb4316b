import type { orgInfo, orgInfoBody, orgInfoUpdate, orgInfoValues, Wire } from '@hbzsgx/domain';
import { api } from '../../app/api';

/** Answer of GET /api/org/info (also the base of GET /api/suborgs/:id). */
export type OrgInfo = Wire<typeof orgInfo>;
/** The four fields 修改单位信息 changes (and a pending change request's values). */
export type OrgInfoEdit = Wire<typeof orgInfoValues>;
/** Answer of PUT /api/org/info: applied at once (province HR), or filed as a change request for the superior. */
export type OrgInfoUpdate = Wire<typeof orgInfoUpdate>;

export const ORG_INFO_KEY = ['org-info'] as const;

export const orgInfoApi = {
  get: () => api.get<OrgInfo>('/api/org/info'),
  update: (body: Wire<typeof orgInfoBody>) => api.put<OrgInfoUpdate>('/api/org/info', body),
};

export const ORG_INFO_LABELS: Record<keyof OrgInfoEdit, string> = { name: '名称', contactName: '联系人', contactPhone: '联系电话', address: '地址' };
