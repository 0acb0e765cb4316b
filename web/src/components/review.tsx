/** Pieces shared by the review queues (注册审核, 变更审核, 人员调入审核): tabs, keyword filter, batch bar. */
import type { ReactNode } from 'react';
import { Alert, Button, Form, Input, Popconfirm, Space, Tabs } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { SearchButtons } from './SearchButtons';

export type ReviewTab = 'pending' | 'done';

export function ReviewTabs({
  tab,
  onChange,
  pendingLabel = '待审核',
  doneLabel = '已审核',
}: {
  tab: ReviewTab;
  onChange: (t: ReviewTab) => void;
  pendingLabel?: string;
  doneLabel?: string;
}) {
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => onChange(k as ReviewTab)}
      items={[
        { key: 'pending', label: pendingLabel },
        { key: 'done', label: doneLabel },
      ]}
      style={{ marginTop: -8 }}
    />
  );
}

export function KeywordFilter({
  name,
  label = '关键字',
  placeholder,
  onSearch,
  extra,
}: {
  name: string;
  label?: string;
  placeholder: string;
  onSearch: (keyword: string | undefined) => void;
  /** More buttons after 查询/重置 (e.g. 导出). */
  extra?: ReactNode;
}) {
  const [form] = Form.useForm<{ keyword?: string }>();
  return (
    <Form form={form} name={name} layout="inline" className="filter-bar" onFinish={(v) => onSearch(v.keyword?.trim() || undefined)}>
      <Form.Item label={label} name="keyword">
        <Input placeholder={placeholder} allowClear maxLength={50} style={{ width: 260 }} />
      </Form.Item>
      <SearchButtons
        onReset={() => {
          form.resetFields();
          onSearch(undefined);
        }}
      >
        {extra}
      </SearchButtons>
    </Form>
  );
}

/** Shown above a pending queue's table while rows are selected. */
export function BatchBar({
  count,
  onApprove,
  onReject,
  onClear,
  busy,
  approve = true,
  what = '条申请',
  extra,
}: {
  count: number;
  onApprove?: () => void;
  /** 批量驳回 (absent: no such button, e.g. where only `extra` applies). */
  onReject?: () => void;
  onClear: () => void;
  busy: boolean;
  approve?: boolean;
  what?: string;
  /** More buttons after 批量通过/驳回 (删除, 批量审验不通过…). */
  extra?: ReactNode;
}) {
  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          <span>
            已选择 <strong>{count}</strong> {what}
          </span>
          {approve && onApprove && (
            <Popconfirm
              title="批量通过"
              description={`确定通过选中的 ${count} ${what}吗？`}
              okText="通过"
              cancelText="取消"
              onConfirm={onApprove}
              disabled={!count}
            >
              <Button type="primary" size="small" icon={<CheckOutlined />} disabled={!count} loading={busy}>
                批量通过
              </Button>
            </Popconfirm>
          )}
          {onReject && (
            <Button danger size="small" icon={<CloseOutlined />} disabled={!count || busy} onClick={onReject}>
              批量驳回
            </Button>
          )}
          {extra}
          {count > 0 && (
            <Button type="link" size="small" onClick={onClear}>
              取消选择
            </Button>
          )}
        </Space>
      }
    />
  );
}
