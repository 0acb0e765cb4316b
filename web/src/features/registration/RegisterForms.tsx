/** The registration forms: one for organisations (by type), one for personnel. Server errors land under their fields. */
import { Alert, Button, Divider, Form, Space } from 'antd';
import { normalizeIdNumber } from '@hbzsgx/domain';
import { useFormSubmit } from '../../components/useFormSubmit';
import { AccountFields } from './AccountFields';
import { OrgFields } from './OrgFields';
import { PersonnelFields } from './PersonnelFields';
import { registrationApi, type AccountBody, type OrgFieldsBody, type RegistrableOrgType, type TitleBody } from './api';

/** Errors without a field that still concern one. */
export const DUPLICATE_FIELDS = { DUPLICATE_ID_NUMBER: 'idNumber', DUPLICATE_CREDIT_CODE: 'creditCode' };

export interface Registered {
  account: string;
}

const trimAll = <T extends object>(v: T): T =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' && !/password/i.test(k) ? x.trim() : x])) as T;

function account(v: AccountBody): AccountBody {
  return {
    idType: v.idType,
    idNumber: v.idNumber,
    realName: v.realName,
    phone: v.phone,
    email: v.email,
    password: v.password,
    confirmPassword: v.confirmPassword,
  };
}

function useSubmit<V>(send: (v: V) => Promise<unknown>, onDone: (v: V) => void) {
  const [form] = Form.useForm<V>();
  const submit = useFormSubmit(form, send, {
    fieldOfCode: DUPLICATE_FIELDS,
    onSuccess: (_d, v) => onDone(v),
    onFailed: (field) => (field ? form.scrollToField(field, { block: 'center' }) : window.scrollTo({ top: 0, behavior: 'smooth' })),
  });
  return { form, ...submit };
}

function FormShell<V>({
  form,
  name,
  error,
  onValuesChange,
  onFinish,
  pending,
  onBack,
  children,
}: {
  form: ReturnType<typeof Form.useForm<V>>[0];
  name: string;
  error: string | null;
  onValuesChange: () => void;
  onFinish: (v: V) => void;
  pending: boolean;
  onBack: () => void;
  children: React.ReactNode;
}) {
  return (
    <Form<V>
      form={form}
      name={name}
      labelCol={{ flex: '150px' }}
      wrapperCol={{ flex: '1 1 0' }}
      labelWrap
      initialValues={{ idType: 'resident' }}
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
      onValuesChange={onValuesChange}
      autoComplete="off"
      scrollToFirstError={false}
      className="register-form"
    >
      {error && <Alert type="error" showIcon title="注册未成功" description={error} style={{ marginBottom: 20 }} role="alert" />}
      {children}
      <Form.Item label=" " colon={false} style={{ marginTop: 8 }}>
        <Space>
          <Button type="primary" htmlType="submit" loading={pending} size="large">
            提交注册
          </Button>
          <Button onClick={onBack} size="large">
            上一步
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

type OrgValues = OrgFieldsBody & AccountBody;

export function OrgRegisterForm({ type, onBack, onDone }: { type: RegistrableOrgType; onBack: () => void; onDone: (r: Registered) => void }) {
  const { form, error, clearError, submit, pending } = useSubmit<OrgValues>(
    (raw) => {
      const v = trimAll(raw);
      const { name, creditCode, divisionCode, parentId, contactName, contactPhone, address } = v;
      return registrationApi.registerOrg({ type, name, creditCode, divisionCode, parentId, contactName, contactPhone, address, admin: account(v) });
    },
    (v) => onDone({ account: normalizeIdNumber(v.idNumber.trim()) }),
  );
  return (
    <FormShell<OrgValues>
      form={form}
      name={`register-${type}`}
      error={error}
      onValuesChange={() => error && clearError()}
      onFinish={submit}
      pending={pending}
      onBack={onBack}
    >
      <Divider titlePlacement="start" className="register-section">
        机构信息
      </Divider>
      <OrgFields type={type} />
      <Divider titlePlacement="start" className="register-section">
        管理员账号
      </Divider>
      <Alert type="info" showIcon style={{ marginBottom: 20 }} title="注册人即为本机构的超级管理员，使用证件号和下面设置的密码登录。" />
      <AccountFields />
    </FormShell>
  );
}

type PersonnelValues = AccountBody & TitleBody & { orgId: number; departmentId: number | null; education: string };

export function PersonnelRegisterForm({ onBack, onDone }: { onBack: () => void; onDone: (r: Registered) => void }) {
  const { form, error, clearError, submit, pending } = useSubmit<PersonnelValues>(
    (raw) => {
      const v = trimAll(raw);
      return registrationApi.registerPersonnel({
        ...account(v),
        orgId: v.orgId,
        departmentId: v.departmentId ?? null,
        education: v.education,
        titleSeries: v.titleSeries,
        titleLevel: v.titleLevel,
        titleName: v.titleName ?? '',
        titleDate: v.titleDate ?? '',
      });
    },
    (v) => onDone({ account: normalizeIdNumber(v.idNumber.trim()) }),
  );
  return (
    <FormShell<PersonnelValues>
      form={form}
      name="register-personnel"
      error={error}
      onValuesChange={() => error && clearError()}
      onFinish={submit}
      pending={pending}
      onBack={onBack}
    >
      <Divider titlePlacement="start" className="register-section">
        个人信息
      </Divider>
      <AccountFields />
      <Divider titlePlacement="start" className="register-section">
        单位与专业技术职务
      </Divider>
      <PersonnelFields />
    </FormShell>
  );
}
