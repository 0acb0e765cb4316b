import type { onlineSession, okResponse, onlineSessions, Wire } from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type OnlineSession = Wire<typeof onlineSession>;

export const sessionsApi = {
  list: () => api.get<Wire<typeof onlineSessions>>('/api/sessions'),
  end: (id: string) => api.del<Wire<typeof okResponse>>(`/api/sessions/${id}`),
  exportXlsx: () => download('/api/sessions/export', undefined, '在线会话.xlsx'),
};
