import { Alert, Drawer, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { orDash } from '../../components/format';
import { OrgDescriptions } from '../org-info/OrgDescriptions';
import { SuborgActions } from './SuborgActions';
import { suborgsApi, type SuborgDetail } from './api';

type AdminRow = SuborgDetail['admins'][number];

/** 机构详情: basic information and the organisation's admins (masked). */
export function OrgDetailDrawer({ orgId, onClose }: { orgId: number | null; onClose: () => void }) {
  const q = useQuery({ queryKey: ['suborgs', 'detail', orgId], queryFn: () => suborgsApi.detail(orgId!), enabled: orgId != null });
  return (
    <Drawer
      title={q.data?.name ?? '机构详情'}
      open={orgId != null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      extra={q.data && <SuborgActions org={q.data} size="middle" link={false} hasSuper={q.data.admins.some((a) => a.isSuper)} />}
    >
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : q.error ? (
        <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />
      ) : (
        <>
          <OrgDescriptions org={q.data} column={1} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            管理员（{q.data.admins.length}）
          </Typography.Title>
          <Table<AdminRow>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={q.data.admins}
            locale={{ emptyText: '暂无管理员' }}
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                render: (v: string, a) => (
                  <>
                    {v} {a.isSuper && <Tag color="gold">超级管理员</Tag>}
                  </>
                ),
              },
              { title: '证件号', dataIndex: 'idNumberMasked', render: (v: string) => <span className="mono">{v}</span> },
              { title: '手机号', dataIndex: 'phoneMasked', render: (v: string | null) => <span className="mono">{orDash(v)}</span> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
