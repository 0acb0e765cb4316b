/** 材料详情 (own): the data, the files by category; in a draft 上传/删除, 编辑 and 提交; once submitted 撤回. */
import { Alert, Button, Descriptions, Drawer, Popconfirm, Skeleton, Space, Tooltip } from 'antd';
import { EditOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtTime, orDash } from '../../components/format';
import { MATERIALS_KEY, materialsApi, type Material } from './api';
import { MaterialFiles } from './MaterialFiles';
import { MaterialStatusTag } from './tags';

export function useMaterialActions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: MATERIALS_KEY });
  const submit = useMutation({
    mutationFn: (m: Material) => materialsApi.submit(m.id),
    onSuccess: (_d, m) => feedback.success(`“${m.title}”已提交，上级人社部门可在“辖区报送情况”中查看`),
    onError: (e) => feedback.error(e),
    onSettled: refresh,
  });
  const withdraw = useMutation({
    mutationFn: (m: Material) => materialsApi.withdraw(m.id),
    onSuccess: (_d, m) => feedback.success(`已撤回“${m.title}”，修改后请重新提交`),
    onError: (e) => feedback.error(e),
    onSettled: refresh,
  });
  return { submit, withdraw, refresh };
}

export function SubmitButton({ m, busy, onSubmit, link }: { m: Material; busy: boolean; onSubmit: () => Promise<unknown>; link?: boolean }) {
  const none = m.files.length === 0;
  const button = (
    <Button
      type={link ? 'link' : 'primary'}
      size={link ? 'small' : 'middle'}
      icon={link ? undefined : <SendOutlined />}
      disabled={none}
      loading={!link && busy}
    >
      提交
    </Button>
  );
  if (none) return <Tooltip title="请先上传至少一个材料文件">{button}</Tooltip>;
  return (
    <Popconfirm
      title="提交材料"
      description={`确定提交“${m.title}”（${m.files.length} 个文件）吗？提交后不能修改，如需修改请先撤回。`}
      okText="提交"
      cancelText="取消"
      onConfirm={() => onSubmit().catch(() => undefined)}
    >
      {button}
    </Popconfirm>
  );
}

export function WithdrawButton({ m, busy, onWithdraw, link }: { m: Material; busy: boolean; onWithdraw: () => Promise<unknown>; link?: boolean }) {
  return (
    <Popconfirm
      title="撤回材料"
      description={`确定撤回“${m.title}”吗？撤回后变为草稿，上级暂时看不到，修改后需重新提交。`}
      okText="撤回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => onWithdraw().catch(() => undefined)}
    >
      <Button
        type={link ? 'link' : 'default'}
        size={link ? 'small' : 'middle'}
        danger
        icon={link ? undefined : <RollbackOutlined />}
        loading={!link && busy}
      >
        撤回
      </Button>
    </Popconfirm>
  );
}

export function MaterialDrawer({ id, onClose, onEdit }: { id: number | null; onClose: () => void; onEdit: (m: Material) => void }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...MATERIALS_KEY, 'detail', id], queryFn: () => materialsApi.get(id!), enabled: id != null });
  const { submit, withdraw } = useMaterialActions();
  const m = q.data;
  const draft = m?.status === 'draft';
  const changed = () => void qc.invalidateQueries({ queryKey: MATERIALS_KEY });

  return (
    <Drawer
      title="年度工作材料详情"
      open={id != null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      extra={
        m && (
          <Space>
            {draft && (
              <Button icon={<EditOutlined />} onClick={() => onEdit(m)}>
                编辑信息
              </Button>
            )}
            {draft && <SubmitButton m={m} busy={submit.isPending} onSubmit={() => submit.mutateAsync(m)} />}
            {m.status === 'submitted' && <WithdrawButton m={m} busy={withdraw.isPending} onWithdraw={() => withdraw.mutateAsync(m)} />}
          </Space>
        )
      }
    >
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />}
      {!m && q.isPending && <Skeleton active />}
      {m && (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 20 }}>
            <Descriptions.Item label="报送年度">{m.year}年度</Descriptions.Item>
            <Descriptions.Item label="状态">
              <MaterialStatusTag m={m} />
            </Descriptions.Item>
            <Descriptions.Item label="材料名称" span={2}>
              {m.title}
            </Descriptions.Item>
            <Descriptions.Item label="说明" span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(m.description)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="提交时间">{fmtTime(m.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="上级查看时间">{fmtTime(m.viewedAt)}</Descriptions.Item>
          </Descriptions>
          {draft ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="草稿尚未提交，上级人社部门看不到。上传完材料文件后请点击右上角“提交”。"
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title={m.viewedAt ? '已提交，上级人社部门已查看。' : '已提交，等待上级人社部门查看。如需修改，请先撤回。'}
            />
          )}
          <MaterialFiles material={m} editable={draft} onDownload={(f) => materialsApi.download(m.id, f)} onChanged={changed} />
        </>
      )}
    </Drawer>
  );
}
