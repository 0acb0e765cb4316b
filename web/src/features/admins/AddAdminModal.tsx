/** 新增管理员: 1 选择方式 → 2 填写管理员基本信息 → 3 完成. */
import { useState } from 'react';
import { Alert, Button, Form, Modal, Result, Space, Steps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { IdType } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { useAccess } from '../../app/access';
import { useFormSubmit } from '../../components/useFormSubmit';
import { DEPARTMENTS_KEY } from '../departments/api';
import { ROLES_KEY } from '../roles/api';
import { AdminModePicker, ADMIN_MODES, type AdminMode } from './AdminModePicker';
import { ModeFields } from './ModeFields';
import { ADMINS_KEY, adminsApi, type AdminCreate } from './api';

interface Values {
  mode: AdminMode;
  userId?: number;
  departmentId?: number;
  roleIds?: number[];
  idType?: IdType;
  idNumber?: string;
  password?: string;
  confirmPassword?: string;
  realName?: string;
  phone?: string;
  email?: string;
  landline?: string;
}

function toBody(v: Values): AdminCreate {
  const common = { departmentId: v.departmentId ?? 0, roleIds: v.roleIds ?? [] };
  if (v.mode === 'select') return { mode: 'select', userId: v.userId ?? 0, ...common };
  const id = { idType: v.idType ?? 'resident', idNumber: (v.idNumber ?? '').trim(), password: v.password ?? '' };
  if (v.mode === 'existing') return { mode: 'existing', ...id, ...common };
  return {
    mode: 'register',
    ...id,
    ...common,
    confirmPassword: v.confirmPassword ?? '',
    realName: (v.realName ?? '').trim(),
    phone: (v.phone ?? '').trim(),
    email: (v.email ?? '').trim(),
    landline: (v.landline ?? '').trim(),
  };
}

export function AddAdminModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { isBase } = useAccess();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const mode = Form.useWatch('mode', form) ?? (isBase ? 'register' : 'select');
  const initial: Partial<Values> = { mode: isBase ? 'register' : 'select', idType: 'resident', roleIds: [] };

  const create = useFormSubmit(form, (v: Values) => adminsApi.create(toBody(v)), {
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ADMINS_KEY });
      void qc.invalidateQueries({ queryKey: ROLES_KEY });
      void qc.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      feedback.success('管理员已添加');
      setStep(2);
    },
  });
  const { error, clearError } = create;

  const restart = () => {
    form.resetFields();
    clearError();
    setStep(0);
  };
  const close = () => {
    onClose();
    restart();
  };

  const footer =
    step === 0
      ? [
          <Button key="cancel" onClick={close}>
            取消
          </Button>,
          <Button key="next" type="primary" onClick={() => setStep(1)}>
            下一步
          </Button>,
        ]
      : step === 1
        ? [
            <Button
              key="prev"
              onClick={() => {
                clearError();
                setStep(0);
              }}
            >
              上一步
            </Button>,
            <Button key="submit" type="primary" loading={create.pending} onClick={() => form.submit()}>
              提交
            </Button>,
          ]
        : null;

  return (
    <Modal title="新增管理员" open={open} onCancel={close} footer={footer} width={680} mask={{ closable: false }} destroyOnHidden>
      <Steps
        current={step}
        size="small"
        style={{ margin: '8px 0 24px' }}
        items={[{ title: '选择方式' }, { title: '填写管理员基本信息' }, { title: '完成' }]}
      />
      {step === 2 ? (
        <Result
          status="success"
          title="管理员添加成功"
          subTitle={mode === 'register' ? '新管理员首次登录时须修改初始密码。' : '该管理员下次登录即可使用分配的权限。'}
          extra={
            <Space>
              <Button onClick={restart}>继续添加</Button>
              <Button type="primary" onClick={close}>
                完成
              </Button>
            </Space>
          }
        />
      ) : (
        <Form
          form={form}
          name="adminCreate"
          labelCol={{ flex: '110px' }}
          wrapperCol={{ flex: 'auto' }}
          initialValues={initial}
          onFinish={create.submit}
          onValuesChange={() => error && clearError()}
          autoComplete="off"
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form.Item label="新增方式" name="mode" rules={[{ required: true, message: '请选择新增管理员的方式' }]}>
            <AdminModePicker isBase={isBase} compact={step === 1} />
          </Form.Item>
          {step === 0 && <Alert type="info" showIcon title={ADMIN_MODES.find((m) => m.value === mode)?.hint} style={{ marginLeft: 110 }} />}
          {step === 1 && <ModeFields mode={mode} />}
        </Form>
      )}
    </Modal>
  );
}
