import { useState } from 'react';
import { Alert, Card } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { useMe } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { auditApi, type AuditFilters } from './api';

export function AuditPage() {
  const me = useMe();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const q = useQuery({
    queryKey: ['audit-logs', filters, page],
    queryFn: () => auditApi.list({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageContainer
      title="审计日志"
      description={
        me.org.type === 'hr'
          ? '本部门及辖区内各单位的登录、授权、数据修改等操作记录。审计日志只可查询，不能修改或删除。'
          : '本单位的登录、授权、数据修改等操作记录。审计日志只可查询，不能修改或删除。'
      }
    >
      <Card variant="borderless">
        <AuditFilterForm
          onSearch={(f) => {
            setFilters(f);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          onExport={(format) => auditApi.exportXlsx(filters, format)}
        />
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <AuditTable rows={q.data?.items ?? []} loading={q.isFetching} pagination={pagedBy(page, setPage, q.data)} />
      </Card>
    </PageContainer>
  );
}
