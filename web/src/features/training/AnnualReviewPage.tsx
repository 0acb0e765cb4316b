/**
 * 审核继教机构年度培训计划 / 审核继教机构年度工作总结 (HR) on the shared ReviewQueuePage: 年度 filter, 下载, 通过/驳回.
 */
import { Button, Form, Select, Tooltip, type TableColumnsType } from 'antd';
import { fmtMinute, orDash } from '../../components/format';
import { ReviewQueuePage, useReviewQueue } from '../../components/ReviewQueue';
import { SearchButtons } from '../../components/SearchButtons';
import { usePolicies, yearOptions } from '../hours/api';
import { ANNUAL_REVIEW_KEY, DOC_KINDS, trainingApi, type AnnualDoc, type DocKind } from './api';
import { downloadDoc, FileLink } from './AnnualDocsPage';
import { DocStatusTag } from './tags';

export const AnnualPlanReviewPage = () => <AnnualReviewPage kind="plan" />;
export const AnnualSummaryReviewPage = () => <AnnualReviewPage kind="summary" />;

function AnnualReviewPage({ kind }: { kind: DocKind }) {
  const what = DOC_KINDS[kind];
  const policies = usePolicies();
  const [form] = Form.useForm<{ year?: number }>();
  const queue = useReviewQueue<AnnualDoc, { year?: number }>({
    queryKey: [...ANNUAL_REVIEW_KEY, kind],
    list: (q) => trainingApi.reviewDocs(kind, q),
    decide: (d) => trainingApi.decideDocs(kind, d),
    exportXlsx: (q) => trainingApi.exportReviewDocs(kind, q),
    noun: what,
    unit: '份',
    label: (d) => `“${d.orgName}”的${d.year}${what}`, // what: 年度培训计划 → “2026年度培训计划”
    afterReject: '机构可重新上传',
  });

  const columns: TableColumnsType<AnnualDoc> = [
    {
      title: '继续教育机构',
      dataIndex: 'orgName',
      width: 220,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v}
        </Tooltip>
      ),
    },
    { title: '报送年度', dataIndex: 'year', width: 96, render: (v: number) => `${v}年度` },
    {
      title: '说明',
      dataIndex: 'description',
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v}
        </Tooltip>
      ),
    },
    { title: '文件', key: 'file', width: 280, render: (_, d) => <FileLink doc={d} /> },
    { title: '上传时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtMinute(v) },
    ...(queue.tab === 'done'
      ? [
          { title: '审核结果', dataIndex: 'status', width: 90, render: (v: string) => <DocStatusTag status={v} /> },
          { title: '审核时间', dataIndex: 'reviewedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
          {
            title: '驳回原因',
            dataIndex: 'rejectReason',
            width: 150,
            ellipsis: { showTitle: false },
            render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
          },
        ]
      : []),
  ];

  return (
    <ReviewQueuePage
      queue={queue}
      title={`审核继教机构${what}`}
      description={`辖区内继续教育基地（机构）报送的${what}。请下载文件审阅后通过或驳回；驳回后机构可重新上传。`}
      actionsWidth={{ pending: 170, done: 70 }}
      filters={(exportButton) => (
        <Form
          form={form}
          name={`annualReviewFilters-${kind}`}
          layout="inline"
          className="filter-bar"
          onFinish={(v) => queue.search({ year: v.year })}
        >
          <Form.Item label="报送年度" name="year">
            <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部年度" style={{ width: 140 }} />
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
      rowActions={(d) => (
        <Button type="link" size="small" onClick={() => void downloadDoc(d)}>
          下载
        </Button>
      )}
    />
  );
}
