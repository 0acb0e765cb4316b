import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Tooltip } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { TITLE_LEVELS, TITLE_SERIES, type profile, type Wire } from '@hbzsgx/domain';
import { api, errorMessage } from '../../app/api';
import { fmtDate, orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { ChangeDiffTable } from '../change-review/ChangeDiffTable';
import { MY_TITLE_CHANGES_KEY, changeApi, type MyChange } from '../change-review/api';
import type { TitleBody } from '../registration/api';
import { TitleChangeHistory } from './TitleChangeHistory';
import { TitleChangeModal } from './TitleChangeModal';
import { ContactModal } from './ContactModal';

/** Answer of GET /api/me/profile. */
export type Profile = Wire<typeof profile>;

export const PROFILE_KEY = ['me', 'profile'] as const;

const seriesCode = (name: string | null | undefined) => TITLE_SERIES.find((s) => s.name === name)?.code;
const levelCode = (name: string | null | undefined) =>
  (Object.entries(TITLE_LEVELS) as [keyof typeof TITLE_LEVELS, string][]).find(([, n]) => n === name)?.[0];

/**
 * The current 专业技术职务 as codes. The profile answers the series and level by name only (and neither 职称名称 nor
 * 取得时间), so those two come from the latest change request: its old values while pending or rejected, its new
 * values once approved.
 */
export function currentTitle(p: Profile, history: MyChange[]): Partial<TitleBody> {
  const latest = history[0];
  const side = latest ? (latest.status === 'approved' ? 'after' : 'before') : null;
  const pick = (field: string) => (side ? latest!.changes.find((c) => c.field === field)?.[side] : undefined);
  return {
    titleSeries: seriesCode(p.titleSeries),
    titleLevel: levelCode(p.titleLevel),
    titleName: pick('titleName') ?? '',
    titleDate: pick('titleDate') ?? '',
  };
}

export function ProfilePage() {
  const q = useQuery({ queryKey: PROFILE_KEY, queryFn: () => api.get<Profile>('/api/me/profile') });
  const history = useQuery({ queryKey: MY_TITLE_CHANGES_KEY, queryFn: changeApi.myTitleChanges });
  const [editing, setEditing] = useState(false);
  const [contact, setContact] = useState(false);
  const items = history.data ?? [];
  const pending = items.find((r) => r.status === 'pending');
  const title = q.data ? currentTitle(q.data, items) : {};

  return (
    <PageContainer
      title="个人信息"
      description="手机号和电子邮箱可直接修改；专业技术职务信息可在此提交修改，经所在单位审核通过后生效；其他信息如有错误，请联系所在单位管理员。"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          variant="borderless"
          title="基本信息"
          extra={
            q.data && (
              <Button icon={<EditOutlined />} onClick={() => setContact(true)}>
                修改联系方式
              </Button>
            )
          }
        >
          {q.isPending ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : q.error ? (
            <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />
          ) : (
            <Descriptions
              bordered
              column={{ xs: 1, sm: 1, md: 2 }}
              styles={{ label: { width: 140 } }}
              items={[
                { key: 'name', label: '姓名', children: q.data.name },
                { key: 'gender', label: '性别', children: orDash(q.data.gender) },
                { key: 'idType', label: '证件类型', children: q.data.idType },
                { key: 'idNumber', label: '证件号', children: <span className="mono">{q.data.idNumberMasked}</span> },
                { key: 'birthDate', label: '出生日期', children: orDash(q.data.birthDate) },
                { key: 'education', label: '学历', children: orDash(q.data.education) },
                { key: 'phone', label: '手机号', children: <span className="mono">{orDash(q.data.phoneMasked)}</span> },
                { key: 'email', label: '电子邮箱', children: orDash(q.data.email) },
                { key: 'org', label: '所在单位', children: q.data.orgName },
                { key: 'dept', label: '所在部门', children: orDash(q.data.departmentName) },
              ]}
            />
          )}
        </Card>
        <Card
          variant="borderless"
          title="专业技术职务"
          extra={
            q.data && (
              <Tooltip title={pending ? '已有一条修改申请在审核中，审核后才能再次修改' : undefined}>
                <Button type="primary" icon={<EditOutlined />} disabled={!!pending || history.isPending} onClick={() => setEditing(true)}>
                  修改专业技术职务
                </Button>
              </Tooltip>
            )
          }
        >
          {q.data && (
            <Descriptions
              bordered
              column={{ xs: 1, sm: 1, md: 2 }}
              styles={{ label: { width: 140 } }}
              items={[
                { key: 'series', label: '职称系列', children: orDash(q.data.titleSeries) },
                { key: 'level', label: '职称级别', children: orDash(q.data.titleLevel) },
                { key: 'titleName', label: '职称名称', children: orDash(title.titleName) },
                { key: 'titleDate', label: '取得时间', children: orDash(title.titleDate) },
              ]}
            />
          )}
          {pending && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 16 }}
              title="修改申请审核中"
              description={
                <>
                  <div style={{ marginBottom: 8 }}>
                    以下修改已于 {fmtDate(pending.createdAt)} 提交，待所在单位审核通过后生效，审核前仍按原信息计算。
                  </div>
                  <ChangeDiffTable changes={pending.changes} beforeTitle="当前" afterTitle="申请修改为" />
                </>
              }
            />
          )}
        </Card>
        <Card variant="borderless" title="修改记录">
          <TitleChangeHistory items={items} loading={history.isPending} error={history.error} />
        </Card>
      </Space>
      {q.data && <TitleChangeModal open={editing} initial={title} onClose={() => setEditing(false)} />}
      {q.data && <ContactModal open={contact} email={q.data.email} profileKey={PROFILE_KEY} onClose={() => setContact(false)} />}
    </PageContainer>
  );
}
