/** The spec's columns of the 学时审核 / 学时审验 tables (操作 is added by each page). */
import { Tag, Tooltip, type TableColumnsType } from 'antd';
import type { ClaimRow } from './api';
import { ActivityDates, ClaimStatusTag, FlagTag, StatusReason } from './tags';

/** Total width of the columns below (for the table's horizontal scroll). */
export const CLAIM_COLUMNS_WIDTH = 1375;

/** One line, cut with an ellipsis, shown whole on hover (names that would wrap into tall rows). */
const oneLine = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const cut = (v: string | null) => (
  <Tooltip title={v} placement="topLeft">
    <span style={oneLine}>{v || '—'}</span>
  </Tooltip>
);

/** `omit`: columns a context already says (one plan's claims: its name and declarer are the drawer's title). */
export function claimColumns(onView: (r: ClaimRow) => void, omit: (keyof ClaimRow)[] = []): TableColumnsType<ClaimRow> {
  const columns: TableColumnsType<ClaimRow> = [
    { title: '序号', dataIndex: 'seq', width: 60, fixed: 'left' },
    { title: '代申报机构', dataIndex: 'declaringOrg', width: 150, render: cut },
    {
      title: '培训班名称',
      dataIndex: 'className',
      width: 180,
      render: (v: string, r) => (
        <div>
          <Tooltip title={v} placement="topLeft">
            <a style={oneLine} onClick={() => onView(r)}>
              {v}
            </a>
          </Tooltip>
          <ActivityDates start={r.activityStart} end={r.activityEnd} />
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
    {
      title: '证件号',
      dataIndex: 'idNumberMasked',
      width: 190,
      render: (v: string) => (
        <span className="mono" style={{ whiteSpace: 'nowrap' }}>
          {v}
        </span>
      ),
    },
    { title: '继续教育年度', dataIndex: 'year', width: 80 },
    { title: '所属单位', dataIndex: 'orgName', width: 150, render: cut },
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
  return columns.filter((c) => !('dataIndex' in c) || !omit.includes(c.dataIndex as keyof ClaimRow));
}
