import { api, download } from '../../app/api';
import type { Page } from '../../app/types';

export interface AuditLog {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  actorOrgId: number | null;
  actorOrgPath: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  ip: string | null;
  detail: Record<string, unknown> | null;
}
export interface AuditFilters {
  action?: string;
  result?: string;
  keyword?: string;
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (q: AuditFilters & { page: number; pageSize: number }) => api.get<Page<AuditLog>>('/api/audit-logs', q),
  exportXlsx: (q: AuditFilters) => download('/api/audit-logs/export', q, '审计日志.xlsx'),
};
