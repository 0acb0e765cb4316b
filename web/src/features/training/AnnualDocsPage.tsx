/** 年度培训计划 / 年度工作总结 (base): what was submitted per year, its review state, 上传 and 下载. */
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { ANNUAL_DOCS_KEY, DOC_KINDS, fileSize, trainingApi, type AnnualDoc, type DocKind } from './api';
import { AnnualUploadModal } from './AnnualUploadModal';
import { DocStatusTag } from './tags';
import { ExportButton } from '../../components/ExportButton';

export async function downloadDoc(d: AnnualDoc) {
  try {
    await trainingApi.docFile(d);
  } catch (e) {
    feedback.error(e);
  }
}

export function FileLink({ doc }: { doc: AnnualDoc }) {
  return (
    <a onClick={() => void downloadDoc(doc)} title={`下载 ${doc.fileName}`}>
      <PaperClipOutlined /> {doc.fileName}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
        {fileSize(doc.fileSize)}
      </Typography.Text>
    </a>
  );
}

export function AnnualDocsPage({ kind }: { kind: DocKind }) {
  const what = DOC_KINDS[kind];
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [uploading, setUploading] = useState(false);
  const q = useQuery({
    queryKey: [...ANNUAL_DOCS_KEY, kind, page],
    queryFn: () => trainingApi.annualDocs({ kind, ...page }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AnnualDoc> = [
    { title: '报送年度', dataIndex: 'year', width: 100, render: (v: number) => `${v}年度` },
    { title: '说明', dataIndex: 'description', ellipsis: { showTitle: true } },
    { title: '文件', key: 'file', width: 280, render: (_, d) => <FileLink doc={d} /> },
    { title: '上传时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    {
      title: '审核状态',
      dataIndex: 'status',
      width: 200,
      render: (v: string, d) => (
        <div>
          <DocStatusTag status={v} />
          {v === 'rejected' && d.rejectReason && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: d.rejectReason }}>
              驳回原因：{d.rejectReason}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '审核时间', dataIndex: 'reviewedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, d) => (
        <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadDoc(d)}>
          下载
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title={what}
      description={`每个年度报送一份${what}，由所属人社部门审核；被驳回后可重新上传。支持 PDF、Word、Excel 文件，不超过10MB。`}
      extra={
        <Space>
          <ExportButton onExport={() => trainingApi.exportAnnualDocs(kind)} />
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            上传{what}
          </Button>
        </Space>
      }
    >
      <Card variant="borderless">
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<AnnualDoc>
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1080 }}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: `暂无${what}，点击右上角“上传${what}”报送` }}
        />
      </Card>
      <AnnualUploadModal kind={kind} open={uploading} onClose={() => setUploading(false)} />
    </PageContainer>
  );
}

export const AnnualPlanPage = () => <AnnualDocsPage kind="plan" />;
export const AnnualSummaryPage = () => <AnnualDocsPage kind="summary" />;
