import { Tag, Tooltip, type TableColumnsType } from 'antd';
import { fmtMinute, orDash } from '../../components/format';
import { TransferStatusTag } from '../../components/StatusTag';
import type { TransferRecord } from './api';

type Col = TableColumnsType<TransferRecord>[number];

export const transferColumns = {
  name: (onOpen: (r: TransferRecord) => void): Col => ({
    title: '姓名',
    dataIndex: 'name',
    width: 100,
    fixed: 'left',
    render: (v: string, r) => <a onClick={() => onOpen(r)}>{v}</a>,
  }),
  idNumber: { title: '证件号', dataIndex: 'idNumberMasked', width: 200, render: (v: string) => <span className="mono">{v}</span> } as Col,
  direction: {
    title: '类型',
    dataIndex: 'direction',
    width: 70,
    render: (v: string) => (v === 'in' ? <Tag color="green">调入</Tag> : <Tag color="orange">调出</Tag>),
  } as Col,
  from: { title: '调出单位', dataIndex: 'fromOrgName', width: 180, ellipsis: true } as Col,
  to: { title: '调入单位', dataIndex: 'toOrgName', width: 180, ellipsis: true } as Col,
  fromDept: { title: '原部门', key: 'fromDept', width: 90, render: (_, r) => orDash(r.snapshot?.departmentName) } as Col,
  title: {
    title: '职称',
    key: 'title',
    width: 140,
    render: (_, r) => orDash([r.snapshot?.titleSeriesName, r.snapshot?.titleLevelName].filter(Boolean).join(' · ')),
  } as Col,
  date: { title: '调转日期', dataIndex: 'transferDate', width: 104 } as Col,
  reason: {
    title: '调转原因',
    dataIndex: 'reason',
    width: 140,
    ellipsis: { showTitle: false },
    render: (v: string) => <Tooltip title={v}>{v}</Tooltip>,
  } as Col,
  status: { title: '状态', dataIndex: 'status', width: 84, render: (v: string) => <TransferStatusTag status={v} /> } as Col,
  createdAt: { title: '发起时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) } as Col,
  decidedAt: { title: '处理时间', dataIndex: 'decidedAt', width: 140, render: (v: string | null) => fmtMinute(v) } as Col,
  refuseReason: {
    title: '拒绝原因',
    dataIndex: 'refuseReason',
    width: 160,
    ellipsis: { showTitle: false },
    render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
  } as Col,
};
