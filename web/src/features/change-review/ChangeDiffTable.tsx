/** Old vs new, field by field; changed rows are highlighted. */
import { Table, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { FieldChange } from './api';
import './change-review.css';

/** Fields in their form order (the server's JSON does not keep it). */
const ORDER = ['titleSeries', 'titleLevel', 'titleName', 'titleDate', 'name', 'contactName', 'contactPhone', 'address', 'parentName'];
export function ordered(changes: FieldChange[]): FieldChange[] {
  const rank = (f: string) => (ORDER.includes(f) ? ORDER.indexOf(f) : ORDER.length);
  return [...changes].sort((a, b) => rank(a.field) - rank(b.field));
}

const dash = (v: string) => (v === '' ? <Typography.Text type="secondary">（空）</Typography.Text> : v);

export function ChangeDiffTable({
  changes,
  beforeTitle = '原值',
  afterTitle = '新值',
}: {
  changes: FieldChange[];
  beforeTitle?: string;
  afterTitle?: string;
}) {
  return (
    <Table<FieldChange>
      rowKey="field"
      size="small"
      bordered
      pagination={false}
      dataSource={ordered(changes)}
      rowClassName={(r) => (r.changed ? 'change-row-changed' : '')}
      locale={{ emptyText: '没有修改内容' }}
      columns={[
        { title: '字段', dataIndex: 'label', width: 120 },
        {
          title: beforeTitle,
          dataIndex: 'before',
          render: (v: string, r) => (r.changed ? <span className="change-before">{dash(v)}</span> : dash(v)),
        },
        { title: afterTitle, dataIndex: 'after', render: (v: string, r) => (r.changed ? <span className="change-after">{dash(v)}</span> : dash(v)) },
        {
          title: '',
          key: 'mark',
          width: 80,
          render: (_, r) =>
            r.changed ? (
              <span className="change-mark">已修改</span>
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                未变
              </Typography.Text>
            ),
        },
      ]}
    />
  );
}

/** "职称级别：中级 → 副高级；职称名称：…" for table cells. */
export function ChangeSummary({ changes, max = 3 }: { changes: FieldChange[]; max?: number }) {
  const changed = ordered(changes).filter((c) => c.changed);
  if (!changed.length) return <Typography.Text type="secondary">无变化</Typography.Text>;
  return (
    <div className="change-summary">
      {changed.slice(0, max).map((c) => (
        <div key={c.field}>
          <Typography.Text type="secondary">{c.label}：</Typography.Text>
          <span className="change-before">{c.before || '（空）'}</span>
          <ArrowRightOutlined style={{ fontSize: 10, margin: '0 4px', color: '#8c8c8c' }} />
          <span className="change-after">{c.after || '（空）'}</span>
        </div>
      ))}
      {changed.length > max && <Typography.Text type="secondary">等 {changed.length} 项</Typography.Text>}
    </div>
  );
}
