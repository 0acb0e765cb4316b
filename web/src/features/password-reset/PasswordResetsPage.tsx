/**
 * 找回密码申请 (personnel.manage): the 忘记密码 requests of the unit's own people, on the shared ReviewQueuePage.
 * A request is answered with 重置密码 (the one-time password, shown once, told to the person by phone) or 驳回 with a
 * reason; both tell the person through their 申请编号.
 */
import { Button, Form, Input, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { PASSWORD_RESET_STATUSES } from '@hbzsgx/domain';
import { fmtMinute, orDash } from '../../components/format';
import { ReviewQueuePage, useReviewQueue } from '../../components/ReviewQueue';
import { SearchButtons } from '../../components/SearchButtons';
import { ResetPasswordButton } from '../personnel/ResetPasswordButton';
import { passwordResetApi, RESET_QUEUE_KEY, type ResetRequest } from './api';

const STATUS_COLOR = { pending: 'processing', done: 'success', rejected: 'error', cancelled: 'default' } as const;

export function PasswordResetsPage() {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ keyword?: string }>();
  const queue = useReviewQueue<ResetRequest, { keyword?: string }>({
    queryKey: RESET_QUEUE_KEY,
    list: (q) => passwordResetApi.list(q),
    decide: (d) => passwordResetApi.reject({ ids: d.ids, reason: d.reason ?? '' }),
    exportXlsx: (q) => passwordResetApi.exportXlsx(q),
    noun: '找回密码申请',
    unit: '条',
    label: (r) => `“${r.name}”的找回密码申请`,
    afterReject: '申请人凭申请编号可查看驳回原因',
    emptyText: { pending: '暂无待处理的找回密码申请', done: '暂无已处理的找回密码申请' },
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: RESET_QUEUE_KEY });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };

  const columns: TableColumnsType<ResetRequest> = [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 172, render: (v: string) => <span className="mono nowrap">{v}</span> },
    { title: '手机号', dataIndex: 'phoneMasked', width: 116, render: (v: string | null) => <span className="mono nowrap">{orDash(v)}</span> },
    // 内设部门 helps find the person while a request waits; once handled it is history (the tab keeps to the screen)
    ...(queue.tab === 'pending'
      ? [{ title: '内设部门', dataIndex: 'departmentName', width: 140, ellipsis: true, render: (v: string | null) => orDash(v) }]
      : []),
    { title: '申请时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    ...(queue.tab === 'done'
      ? [
          {
            title: '处理结果',
            dataIndex: 'status',
            width: 90,
            render: (v: ResetRequest['status']) => <Tag color={STATUS_COLOR[v]}>{PASSWORD_RESET_STATUSES[v]}</Tag>,
          },
          { title: '处理时间', dataIndex: 'reviewedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
          {
            title: '驳回原因',
            dataIndex: 'rejectReason',
            width: 160,
            ellipsis: { showTitle: false },
            render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
          },
        ]
      : []),
  ];

  return (
    <ReviewQueuePage
      queue={queue}
      title="找回密码申请"
      description="本单位人员通过登录页“忘记密码”提交的申请（证件号、姓名、注册手机号均已核对一致）。请先电话联系本人核实身份，再重置密码并将临时密码告知本人；无法核实的请驳回并说明原因。申请7天内未处理将自动过期。"
      batchApprove={false}
      actionsWidth={{ pending: 170, done: 70 }}
      decideButtons={(r) => (
        <>
          <ResetPasswordButton person={{ id: r.personnelId, name: r.name }} reset={() => passwordResetApi.reset(r.id)} onReset={refresh} />
          <Button type="link" size="small" danger disabled={queue.busy} onClick={() => queue.reject([r.id], `“${r.name}”的找回密码申请`)}>
            驳回
          </Button>
        </>
      )}
      filters={(exportButton) => (
        <Form form={form} name="passwordResetFilters" layout="inline" className="filter-bar" onFinish={(v) => queue.search(v)}>
          <Form.Item label="姓名" name="keyword">
            <Input placeholder="请输入姓名" allowClear maxLength={50} style={{ width: 180 }} />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              form.resetFields();
              queue.search({});
            }}
          >
            {exportButton}
          </SearchButtons>
        </Form>
      )}
      columns={columns}
    />
  );
}
