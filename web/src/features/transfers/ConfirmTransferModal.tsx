/** 确认调转: the person joins our organisation now, in the department chosen here. */
import { Descriptions, Form } from 'antd';
import { useAccess } from '../../app/access';
import { FormModal } from '../../components/FormModal';
import { useMe } from '../../app/session';
import { DepartmentSelect } from '../departments/DepartmentSelect';
import { PublicDepartmentSelect } from '../registration/PublicDepartmentSelect';
import type { TransferRecord } from './api';

export function ConfirmTransferModal({
  record,
  onSubmit,
  onClose,
}: {
  record: TransferRecord | null;
  onSubmit: (departmentId: number | null) => Promise<unknown>;
  onClose: () => void;
}) {
  const me = useMe();
  const { can } = useAccess();
  const [form] = Form.useForm<{ departmentId?: number | null }>();
  return (
    <FormModal
      title="确认调转"
      open={!!record}
      onClose={onClose}
      okText="确认调入"
      width={600}
      form={form}
      name="transferConfirm"
      submit={(v) => onSubmit(v.departmentId ?? null)}
      onSuccess={onClose}
      intro={
        record && (
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ marginBottom: 20 }}
            styles={{ label: { width: 100 } }}
            items={[
              { key: 'name', label: '调转人员', children: `${record.name}（${record.idNumberMasked}）` },
              { key: 'from', label: '调出单位', children: record.fromOrgName },
              { key: 'date', label: '调转日期', children: record.transferDate },
              { key: 'reason', label: '调转原因', children: record.reason },
            ]}
          />
        )
      }
    >
      <Form.Item label="调入部门" name="departmentId" extra="确认后该人员转入本单位的所选部门，其学时记录随人员一并转入。">
        {can('dept.view') ? (
          <DepartmentSelect placeholder="请选择调入后所在部门" allowClear />
        ) : (
          <PublicDepartmentSelect orgId={me.org.id} placeholder="请选择调入后所在部门" />
        )}
      </Form.Item>
    </FormModal>
  );
}
