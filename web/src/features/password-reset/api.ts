import type {
  decisionResult,
  passwordResetBody,
  passwordResetRow,
  passwordResetState,
  passwordResetTicket,
  personnelPasswordReset,
  paged,
  Wire,
} from '@hbzsgx/domain';
import { api, download, type QueryParams } from '../../app/api';

export type ResetRequest = Wire<typeof passwordResetRow>;
export type ResetState = Wire<typeof passwordResetState>;
export const RESET_QUEUE_KEY = ['reviews', 'password-resets'] as const;

export const passwordResetApi = {
  request: (body: Wire<typeof passwordResetBody>) => api.post<Wire<typeof passwordResetTicket>>('/api/public/password-reset', body),
  state: (ticket: string) => api.get<ResetState>(`/api/public/password-reset/${encodeURIComponent(ticket)}`),
  list: (q: QueryParams) => api.get<Wire<ReturnType<typeof paged<typeof passwordResetRow>>>>('/api/reviews/password-resets', q),
  exportXlsx: (q: QueryParams) => download('/api/reviews/password-resets/export', q, '找回密码申请.xlsx'),
  reject: (d: { ids: number[]; reason: string }) =>
    api.post<Wire<typeof decisionResult>>('/api/reviews/password-resets/decide', { ...d, decision: 'reject' }),
  reset: (id: number) => api.post<Wire<typeof personnelPasswordReset>>(`/api/reviews/password-resets/${id}/reset`),
};
