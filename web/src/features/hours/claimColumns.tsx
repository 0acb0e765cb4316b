/** The spec's columns of the 学时审核 / 学时审验 tables (操作 is added by each page). */
import { Tag, type TableColumnsType } from 'antd';
import type { ClaimRow } from './api';
import { ClaimStatusTag, FlagTag, StatusReason } from './tags';

/** Total width of the columns below (for the table's horizontal scroll). */
export const CLAIM_COLUMNS_WIDTH = 1360;

export function claimColumns(onView: (r: ClaimRow) => void): TableColumnsType<ClaimRow> {
  return [
    { title: '序号', dataIndex: 'seq', width: 60, fixed: 'left' },
    { title: '代申报机构', dataIndex: 'declaringOrg', width: 150 },
    {
      title: '培训班名称',
      dataIndex: 'className',
      width: 180,
      render: (v: string, r) => (
        <div>
          <a onClick={() => onView(r)}>{v}</a>
          {/* 重点审核 stays in sight without scrolling, its reasons one hover away */}
          {r.flagged && (
            <div style={{ marginTop: 4 }}>
              <FlagTag reasons={r.flagReasons} />
            </div>
          )}
        </div>
      ),
    },
    { title: '姓名', dataIndex: 'name', width: 80 },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 175, render: (v: string) => <span className="mono">{v}</span> },
    { title: '继续教育年度', dataIndex: 'year', width: 80 },
    { title: '所属单位', dataIndex: 'orgName', width: 150 },
    { title: '职称系列', dataIndex: 'titleSeriesName', width: 100, render: (v: string) => v || '—' },
    { title: '成绩', dataIndex: 'score', width: 64, render: (v: string | null) => v || '—' },
    { title: '学时', dataIndex: 'hours', width: 64, align: 'right' },
    {
      title: '是否合格',
      dataIndex: 'qualified',
      width: 84,
      render: (v: boolean) => (v ? <Tag color="green">合格</Tag> : <Tag color="red">不合格</Tag>),
    },
    {
      title: '申报状态',
      dataIndex: 'statusName',
      width: 150,
      render: (v: string, r) => (
        <div>
          <ClaimStatusTag status={r.status} name={v} />
          <StatusReason status={r.status} rejectReason={r.rejectReason} revokeReason={r.revokeReason} />
        </div>
      ),
    },
  ];
}
