import { useState } from 'react';
import { Alert, Button, Card } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ME_KEY, useMe } from '../../app/session';
import type { Me } from '../../app/types';
import { useNavigate } from 'react-router';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { AddAdminModal } from './AddAdminModal';
import { AdminFilters } from './AdminFilters';
import { AdminTable } from './AdminTable';
import { AssignRolesModal } from './AssignRolesModal';
import { ADMINS_KEY, adminsApi, type Admin, type AdminFilters as Filters } from './api';

export function AdminsPage() {
  const me = useMe();
  const { can, isBase } = useAccess();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [adding, setAdding] = useState(false);
  const [rolesOf, setRolesOf] = useState<Admin | null>(null);

  const q = useQuery({
    queryKey: [...ADMINS_KEY, filters, page],
    queryFn: () => adminsApi.list({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ADMINS_KEY });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    void qc.invalidateQueries({ queryKey: ['roles'] });
  };
  const makeSuper = useMutation({
    mutationFn: (a: Admin) => adminsApi.makeSuper(a.id),
    onSuccess: async (_d, a) => {
      feedback.success(`已将超级管理员移交给“${a.name}”`);
      // Our own rights changed at once; without 查看管理员 this page is no longer ours.
      await qc.refetchQueries({ queryKey: ME_KEY });
      const next = qc.getQueryData<Me | null>(ME_KEY);
      if (next?.permissions.includes('admin.view')) refresh();
      else navigate('/dashboard', { replace: true });
    },
    onError: (e) => feedback.error(e),
  });
  const remove = useMutation({
    mutationFn: (a: Admin) => adminsApi.remove(a.id),
    onSuccess: (_d, a) => {
      feedback.success(`已删除管理员“${a.name}”`);
      refresh();
    },
    onError: (e) => feedback.error(e),
  });

  return (
    <PageContainer
      title={isBase ? '管理员' : '管理单位管理员'}
      description="每个单位有且只有一名超级管理员，拥有本单位全部权限；其他管理员的权限由分配的角色决定。"
      extra={
        can('admin.manage') && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
            新增管理员
          </Button>
        )
      }
    >
      <Card variant="borderless">
        <AdminFilters
          onSearch={(f) => {
            setFilters(f);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          onExport={(format) => adminsApi.exportXlsx(filters, format)}
        />
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <AdminTable
          me={me}
          rows={q.data?.items ?? []}
          loading={q.isFetching}
          pagination={pagedBy(page, setPage, q.data)}
          canManage={can('admin.manage')}
          canViewPii={can('pii.view')}
          onRoles={setRolesOf}
          onMakeSuper={(a) => makeSuper.mutate(a)}
          onDelete={(a) => remove.mutate(a)}
          busy={makeSuper.isPending || remove.isPending}
        />
      </Card>
      <AddAdminModal open={adding} onClose={() => setAdding(false)} />
      <AssignRolesModal admin={rolesOf} onClose={() => setRolesOf(null)} />
    </PageContainer>
  );
}
