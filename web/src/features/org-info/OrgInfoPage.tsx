import { useState } from 'react';
import { Alert, Button, Card, Skeleton, Space, Tooltip } from 'antd';
import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import { ChangeDiffTable } from '../change-review/ChangeDiffTable';
import { ORG_CHANGES_KEY, changeApi, type FieldChange } from '../change-review/api';
import { OrgChangesTable } from './OrgChangesTable';
import { OrgDescriptions } from './OrgDescriptions';
import { OrgInfoEditModal } from './OrgInfoEditModal';
import { ReparentModal } from './ReparentModal';
import { ORG_INFO_KEY, ORG_INFO_LABELS, orgInfoApi, type OrgInfo, type OrgInfoEdit } from './api';

function pendingDiff(org: OrgInfo, after: OrgInfoEdit): FieldChange[] {
  return (Object.keys(ORG_INFO_LABELS) as (keyof OrgInfoEdit)[]).map((k) => ({
    field: k,
    label: ORG_INFO_LABELS[k],
    before: org[k],
    after: after[k] ?? '',
    changed: org[k] !== after[k],
  }));
}

export function OrgInfoPage() {
  const { can, isBase } = useAccess();
  const q = useQuery({ queryKey: ORG_INFO_KEY, queryFn: orgInfoApi.get });
  const changes = useQuery({ queryKey: ORG_CHANGES_KEY, queryFn: changeApi.orgChanges });
  const [editing, setEditing] = useState(false);
  const [reparenting, setReparenting] = useState(false);
  const org = q.data;
  const pendingInfo = org?.pendingChange ?? null;
  const pendingReparent = (changes.data ?? []).find((r) => r.kind === 'reparent' && r.status === 'pending');
  const canReparent = can('org.reparent') && org?.parentId != null;

  return (
    <PageContainer
      title={isBase ? '继续教育机构信息管理' : '基本信息管理'}
      description="本单位的基本信息。统一社会信用代码、机构类型和所属地区由注册审核确定，不能在此修改；修改单位信息和更换上级部门须经上级审核。"
      extra={
        org && (
          <Space>
            {canReparent && (
              <Tooltip title={pendingReparent ? '已有一条更换上级部门申请在审核中' : undefined}>
                <Button icon={<SwapOutlined />} disabled={!!pendingReparent || changes.isPending} onClick={() => setReparenting(true)}>
                  更换上级部门
                </Button>
              </Tooltip>
            )}
            {can('org.info.edit') && (
              <Tooltip title={pendingInfo ? '已有一条修改申请在审核中，审核后才能再次修改' : undefined}>
                <Button type="primary" icon={<EditOutlined />} disabled={!!pendingInfo} onClick={() => setEditing(true)}>
                  修改单位信息
                </Button>
              </Tooltip>
            )}
          </Space>
        )
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless">
          {q.isPending ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : q.error ? (
            <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />
          ) : (
            <>
              {pendingInfo && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title="以下修改待上级审核"
                  description={
                    <>
                      <div style={{ marginBottom: 8 }}>上级部门审核通过后生效，审核前仍显示原信息。</div>
                      <ChangeDiffTable changes={pendingDiff(q.data, pendingInfo)} beforeTitle="当前" afterTitle="申请修改为" />
                    </>
                  }
                />
              )}
              <OrgDescriptions org={q.data} />
            </>
          )}
        </Card>
        <Card variant="borderless" title="变更申请记录">
          <OrgChangesTable items={changes.data ?? []} loading={changes.isPending} error={changes.error} />
        </Card>
      </Space>
      {org && <OrgInfoEditModal org={org} open={editing} onClose={() => setEditing(false)} />}
      {org && canReparent && <ReparentModal org={org} open={reparenting} onClose={() => setReparenting(false)} />}
    </PageContainer>
  );
}
