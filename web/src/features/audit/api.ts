import type { auditLog, auditLogList, ExportFormat, Wire } from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type AuditLog = Wire<typeof auditLog>;
export interface AuditFilters {
  action?: string;
  result?: string;
  keyword?: string;
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (q: AuditFilters & { page: number; pageSize: number }) => api.get<Wire<typeof auditLogList>>('/api/audit-logs', q),
  exportXlsx: (q: AuditFilters, format: ExportFormat = 'xlsx') => download('/api/audit-logs/export', { ...q, format }, `审计日志.${format}`),
};
