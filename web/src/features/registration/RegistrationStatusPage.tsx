/**
 * 注册审核状态 (/registration): what a registrant sees until approved — the review's progress, the submitted data,
 * and after a rejection the reason and a form to correct and resubmit. Once approved: 进入平台.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Steps } from 'antd';
import { ClockCircleOutlined, EditOutlined, LoginOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { EDUCATION_LEVELS, ORG_TYPES, PERSONNEL_STATUSES, personNameSchema } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ME_KEY, homePath, useMe } from '../../app/session';
import type { Me } from '../../app/types';
import { zodRule } from '../../components/formErrors';
import { useFormSubmit } from '../../components/useFormSubmit';
import { orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { ReviewStatusTag } from '../../components/StatusTag';
import { useDivisionLabel } from '../divisions/api';
import { OrgFields } from './OrgFields';
import { PersonnelFields } from './PersonnelFields';
import { DUPLICATE_FIELDS } from './RegisterForms';
import { titleLevelName, titleSeriesName } from './TitleFields';
import {
  REGISTRATION_KEY,
  registrationApi,
  usePublicDepartments,
  type MyOrgRegistration,
  type MyPersonnelRegistration,
  type MyRegistration,
  type OrgFieldsBody,
  type PersonnelResubmit,
} from './api';

function OrgData({ r }: { r: MyOrgRegistration }) {
  const division = useDivisionLabel(r.data.divisionCode);
  const d = r.data;
  return (
    <Descriptions
      bordered
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { width: 160, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'type', label: '机构类型', children: ORG_TYPES[d.type] },
        { key: 'status', label: '审核状态', children: <ReviewStatusTag status={r.status} /> },
        { key: 'name', label: '机构名称', children: d.name, span: 'filled' },
        { key: 'creditCode', label: '统一社会信用代码', children: <span className="mono">{d.creditCode}</span> },
        // by name always (the full path once loaded, the server's name before): never the bare code
        { key: 'division', label: '所属地区', children: division ?? orDash(d.divisionName) },
        { key: 'parent', label: '上级部门', children: orDash(d.parentName), span: 'filled' },
        { key: 'contactName', label: '联系人', children: d.contactName },
        { key: 'contactPhone', label: '联系电话', children: d.contactPhone },
        { key: 'address', label: '地址', children: d.address, span: 'filled' },
      ]}
    />
  );
}

function PersonnelData({ r }: { r: MyPersonnelRegistration }) {
  const d = r.data;
  const depts = usePublicDepartments(d.departmentId != null ? d.orgId : null);
  const dept = depts.data?.find((x) => x.id === d.departmentId)?.name;
  return (
    <Descriptions
      bordered
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'name', label: '姓名', children: d.realName },
        { key: 'status', label: '审核状态', children: <ReviewStatusTag status={r.status} /> },
        { key: 'id', label: '证件号', children: <span className="mono">{d.idNumberMasked}</span> },
        { key: 'education', label: '学历', children: orDash(d.education ? EDUCATION_LEVELS[d.education as keyof typeof EDUCATION_LEVELS] : null) },
        { key: 'org', label: '所在单位', children: d.orgName },
        { key: 'dept', label: '所在部门', children: orDash(dept) },
        { key: 'series', label: '职称系列', children: orDash(titleSeriesName(d.titleSeries)) },
        { key: 'level', label: '职称级别', children: orDash(titleLevelName(d.titleLevel)) },
        { key: 'titleName', label: '职称名称', children: orDash(d.titleName) },
        { key: 'titleDate', label: '取得时间', children: orDash(d.titleDate) },
      ]}
    />
  );
}

function ResubmitForm({ r, onCancel, onDone }: { r: MyRegistration; onCancel: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const { submit, pending, error, clearError } = useFormSubmit(
    form,
    (v: Record<string, unknown>) =>
      r.kind === 'org'
        ? registrationApi.resubmitOrg(v as unknown as OrgFieldsBody)
        : registrationApi.resubmitPersonnel({
            ...(v as unknown as PersonnelResubmit),
            departmentId: (v.departmentId as number | null | undefined) ?? null,
            titleName: (v.titleName as string | undefined) ?? '',
            titleDate: (v.titleDate as string | undefined) ?? '',
          }),
    { fieldOfCode: DUPLICATE_FIELDS, onSuccess: onDone },
  );
  const initial =
    r.kind === 'org'
      ? { ...r.data }
      : {
          realName: r.data.realName,
          orgId: r.data.orgId,
          departmentId: r.data.departmentId,
          education: r.data.education ?? undefined,
          titleSeries: r.data.titleSeries ?? undefined,
          titleLevel: r.data.titleLevel ?? undefined,
          titleName: r.data.titleName ?? '',
          titleDate: r.data.titleDate ?? '',
        };
  return (
    <Card title="修改注册信息" variant="borderless" style={{ marginTop: 16 }}>
      <Form
        form={form}
        name="resubmit"
        labelCol={{ flex: '150px' }}
        wrapperCol={{ flex: '1 1 0' }}
        style={{ maxWidth: 760 }}
        initialValues={initial}
        onFinish={submit}
        onValuesChange={() => error && clearError()}
        autoComplete="off"
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {r.kind === 'org' ? (
          <OrgFields type={r.data.type} currentParent={r.data.parentId ? { id: r.data.parentId, name: r.data.parentName ?? '' } : null} />
        ) : (
          <>
            <Form.Item
              label="真实姓名"
              name="realName"
              rules={[{ required: true, whitespace: true, message: '请输入真实姓名' }, zodRule(personNameSchema)]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <PersonnelFields currentOrg={{ id: r.data.orgId, name: r.data.orgName }} />
          </>
        )}
        <Form.Item label=" " colon={false}>
          <Space>
            <Button type="primary" htmlType="submit" loading={pending}>
              重新提交
            </Button>
            <Button onClick={onCancel}>取消</Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

export function RegistrationStatusPage() {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [entering, setEntering] = useState(false);
  const q = useQuery({
    queryKey: REGISTRATION_KEY,
    queryFn: registrationApi.me,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 30_000 : false),
  });

  const enter = async () => {
    setEntering(true);
    try {
      await qc.refetchQueries({ queryKey: ME_KEY });
      const next = qc.getQueryData<Me | null>(ME_KEY);
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      navigate(next ? homePath(next) : '/dashboard', { replace: true });
    } finally {
      setEntering(false);
    }
  };

  const r = q.data;
  const reviewer = r?.reviewerName ? `“${r.reviewerName}”` : '上级单位';
  const stepStatus = r?.status === 'rejected' ? 'error' : r?.status === 'active' ? 'finish' : 'process';

  return (
    <PageContainer
      title="注册审核状态"
      description={me.kind === 'admin' ? `${me.org.name} 的机构注册申请` : `${me.user.name} 的专业技术人员注册申请`}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
          刷新
        </Button>
      }
    >
      {q.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : q.error ? (
        <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />
      ) : (
        r && (
          <>
            <Card variant="borderless">
              <Steps
                current={r.status === 'active' ? 2 : 1}
                status={stepStatus}
                style={{ maxWidth: 760, margin: '8px auto 0' }}
                items={[
                  { title: '提交注册', content: '已提交' },
                  {
                    title: '上级审核',
                    content: r.status === 'pending' ? '审核中' : r.status === 'rejected' ? PERSONNEL_STATUSES.rejected : PERSONNEL_STATUSES.active,
                  },
                  { title: '开通使用', content: r.status === 'active' ? '可以使用' : '审核通过后' },
                ]}
              />
              {r.status === 'pending' && (
                <Result
                  icon={<ClockCircleOutlined style={{ color: '#1657b8' }} />}
                  title="注册信息待审核"
                  subTitle={<>您的注册申请已提交，正在等待{reviewer}审核。审核通过后即可使用平台的全部功能，请耐心等待。</>}
                />
              )}
              {r.status === 'rejected' && (
                <>
                  <Result
                    status="error"
                    title="注册申请已驳回"
                    subTitle={<>审核单位：{r.reviewerName ?? '—'}。请根据驳回原因修改注册信息后重新提交。</>}
                    extra={
                      !editing && (
                        <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                          修改并重新提交
                        </Button>
                      )
                    }
                    style={{ paddingBottom: 16 }}
                  />
                  <Alert
                    type="error"
                    showIcon
                    title="驳回原因"
                    description={r.rejectReason || '未填写'}
                    style={{ maxWidth: 640, margin: '0 auto 16px' }}
                  />
                </>
              )}
              {r.status === 'active' && (
                <Result
                  status="success"
                  title="注册审核已通过"
                  subTitle="欢迎使用湖北省专业技术人员继续教育公共服务平台。"
                  extra={
                    <Button type="primary" size="large" icon={<LoginOutlined />} loading={entering} onClick={enter}>
                      进入平台
                    </Button>
                  }
                />
              )}
            </Card>
            {editing && r.status === 'rejected' ? (
              <ResubmitForm
                r={r}
                onCancel={() => setEditing(false)}
                onDone={() => {
                  feedback.success('注册信息已重新提交，请等待审核');
                  setEditing(false);
                  void qc.invalidateQueries({ queryKey: REGISTRATION_KEY });
                  void qc.invalidateQueries({ queryKey: ME_KEY });
                }}
              />
            ) : (
              <Card title="注册信息" variant="borderless" style={{ marginTop: 16 }}>
                {r.kind === 'org' ? <OrgData r={r} /> : <PersonnelData r={r} />}
              </Card>
            )}
          </>
        )
      )}
    </PageContainer>
  );
}
