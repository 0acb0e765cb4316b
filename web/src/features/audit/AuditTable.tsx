import { Table, Tag, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { AUDIT_ACTIONS, AUDIT_RESULTS, auditTargetLabel } from '@hbzsgx/domain';
import { fmtTime, orDash } from '../../components/format';
import type { AuditLog } from './api';

const RESULT_COLORS: Record<string, string> = { success: 'success', failure: 'error', denied: 'warning' };

const columns: TableColumnsType<AuditLog> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtTime(v) },
  { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string | null) => orDash(v) },
  { title: '操作', dataIndex: 'action', width: 150, render: (v: string) => AUDIT_ACTIONS[v] ?? v },
  {
    title: '对象',
    key: 'target',
    width: 260,
    ellipsis: { showTitle: true },
    render: (_, r) => orDash(auditTargetLabel(r)),
  },
  { title: '结果', dataIndex: 'result', width: 90, render: (v: string) => <Tag color={RESULT_COLORS[v] ?? 'default'}>{AUDIT_RESULTS[v] ?? v}</Tag> },
  { title: 'IP地址', dataIndex: 'ip', width: 140, render: (v: string | null) => <span className="mono">{orDash(v)}</span> },
];

export function AuditTable({ rows, loading, pagination }: { rows: AuditLog[]; loading: boolean; pagination: TablePaginationConfig }) {
  return (
    <Table<AuditLog>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 980 }}
      expandable={{
        rowExpandable: (r) => !!r.detail && Object.keys(r.detail).length > 0,
        expandedRowRender: (r) => <pre className="json-detail">{JSON.stringify(r.detail, null, 2)}</pre>,
      }}
      locale={{ emptyText: '暂无审计日志' }}
    />
  );
}
