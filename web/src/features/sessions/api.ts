import { api, download } from '../../app/api';
import type { Items, Ok } from '../../app/types';

export interface OnlineSession {
  id: string;
  name: string;
  idNumberMasked: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export const sessionsApi = {
  list: () => api.get<Items<OnlineSession>>('/api/sessions'),
  end: (id: string) => api.del<Ok>(`/api/sessions/${id}`),
  exportXlsx: () => download('/api/sessions/export', undefined, '在线会话.xlsx'),
};
