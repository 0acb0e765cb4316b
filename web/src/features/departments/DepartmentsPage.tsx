import { useState } from 'react';
import { Alert, Button, Card, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { PageContainer } from '../../components/PageContainer';
import { DepartmentFormModal, type DeptDialog } from './DepartmentFormModal';
import { DepartmentTable } from './DepartmentTable';
import { DEPARTMENTS_KEY, departmentsApi, useDepartments } from './api';
import { ExportButton } from '../../components/ExportButton';

export function DepartmentsPage() {
  const { can } = useAccess();
  const canManage = can('dept.manage');
  const q = useDepartments();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<DeptDialog | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => departmentsApi.remove(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
      feedback.success('部门已删除');
    },
    onError: (e) => feedback.error(e),
  });

  return (
    <PageContainer
      title="管理内设部门"
      description="本单位内部设立的部门。管理员和专业技术人员都归属于某个部门；部门下有人员或下级部门时不能删除。"
      extra={
        <Space>
          <ExportButton onExport={departmentsApi.exportXlsx} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add', parent: null })}>
              添加部门
            </Button>
          )}
        </Space>
      }
    >
      <Card variant="borderless">
        {q.error ? (
          <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />
        ) : (
          <DepartmentTable
            rows={q.data ?? []}
            loading={q.isPending}
            canManage={canManage}
            onDialog={setDialog}
            onDelete={(d) => remove.mutate(d.id)}
            deleting={remove.isPending ? (remove.variables ?? null) : null}
          />
        )}
      </Card>
      <DepartmentFormModal dialog={dialog} all={q.data ?? []} onClose={() => setDialog(null)} />
    </PageContainer>
  );
}
