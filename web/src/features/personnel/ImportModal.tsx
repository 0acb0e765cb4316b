/**
 * 批量导入: 下载模板 → choose an xlsx, xls or csv → upload (progress) → the server's job runs in the background (progress bar polled
 * every second; closing the modal does not stop it) → 导入成功 N 条 / 失败 M 条, the failed rows with their reasons and
 * 下载失败数据. 导入记录 lists the recent jobs and reopens any of them.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Form,
  Modal,
  Progress,
  Result,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type FormInstance,
  type TableColumnsType,
  type UploadFile,
} from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useFormSubmit } from '../../components/useFormSubmit';
import { fmtMinute } from '../../components/format';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { FileField, pickedFile, UploadProgress, type FileRule } from '../../components/upload';
import { IMPORTS_KEY, PERSONNEL_KEY, personnelApi, useImportJob, type ImportFailure, type ImportJob, type JobStatus } from './api';

const SHEET: FileRule = { exts: ['xlsx', 'xls', 'csv'], maxMB: 20 };
const STATUS_COLORS: Record<JobStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

export function JobStatusTag({ job }: { job: Pick<ImportJob, 'status' | 'statusName'> }) {
  return <Tag color={STATUS_COLORS[job.status]}>{job.statusName}</Tag>;
}

async function run(action: () => Promise<void>) {
  try {
    await action();
  } catch (e) {
    feedback.error(e);
  }
}

function Failures({ job }: { job: ImportJob }) {
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const q = useQuery({
    queryKey: [...IMPORTS_KEY, job.id, 'failures', page],
    queryFn: () => personnelApi.failures(job.id, page),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ImportFailure> = [
    { title: '行号', dataIndex: 'row', width: 64 },
    { title: '姓名', dataIndex: 'name', width: 100, render: (v: string) => v || '—' },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 190, render: (v: string) => <span className="mono">{v || '—'}</span> },
    { title: '失败原因', dataIndex: 'reason', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
  ];
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Text strong>失败数据（{job.failed} 条）</Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={() => void run(() => personnelApi.failuresXlsx(job.id))}>
          下载失败数据
        </Button>
      </div>
      <Table<ImportFailure>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        pagination={{ ...pagedBy(page, setPage, q.data), size: 'small', pageSizeOptions: [10, 20, 50] }}
      />
    </>
  );
}

/** A job as it runs, then its result. */
export function JobProgress({ jobId }: { jobId: number }) {
  const q = useImportJob(jobId);
  const job = q.data;
  if (q.error) return <Alert type="error" showIcon title="无法获取导入进度" description={errorMessage(q.error)} />;
  if (!job) return <Progress percent={0} status="active" />;
  if (job.status === 'queued' || job.status === 'running') {
    return (
      <div className="import-progress">
        <Typography.Paragraph>
          <FileExcelOutlined /> {job.fileName}　<JobStatusTag job={job} />
        </Typography.Paragraph>
        <Progress percent={job.percent} status="active" />
        <Typography.Text type="secondary">
          {job.status === 'queued'
            ? '排队中，即将开始…'
            : `正在逐行校验并导入：已处理 ${job.processed} 行${job.total ? ` / 约 ${job.total} 行` : ''}，成功 ${job.imported} 条，失败 ${job.failed} 条`}
        </Typography.Text>
        <Alert style={{ marginTop: 16 }} type="info" showIcon title="导入在服务器后台进行，关闭本窗口不会中断，可稍后在“导入记录”中查看结果。" />
      </div>
    );
  }
  if (job.status === 'failed') {
    return (
      <Result
        status="error"
        title="导入失败"
        subTitle={job.error ?? '导入未完成'}
        extra={
          job.imported > 0 ? (
            <Typography.Text>
              失败前已导入 {job.imported} 条，失败 {job.failed} 条。
            </Typography.Text>
          ) : undefined
        }
      >
        {job.failed > 0 && <Failures job={job} />}
      </Result>
    );
  }
  return (
    <div>
      <Result
        status={job.failed ? (job.imported ? 'warning' : 'error') : 'success'}
        title={job.failed ? (job.imported ? '导入完成，部分数据未导入' : '导入完成，没有数据被导入') : '导入成功'}
        subTitle={`导入成功 ${job.imported} 条，失败 ${job.failed} 条（共 ${job.total} 行）`}
        style={{ padding: '8px 0 16px' }}
      />
      <Space size={48} style={{ display: 'flex', justifyContent: 'center', marginBottom: 16 }}>
        <Statistic title="总行数" value={job.total} />
        <Statistic title="导入成功" value={job.imported} styles={{ content: { color: '#389e0d' } }} />
        <Statistic title="失败" value={job.failed} styles={{ content: { color: job.failed ? '#cf1322' : undefined } }} />
      </Space>
      {job.failed > 0 && <Failures job={job} />}
    </div>
  );
}

/** The upload form; its submit button lives in the modal's footer. */
function UploadStep({
  form,
  progress,
  error,
  onSubmit,
  onEdit,
}: {
  form: FormInstance<{ file: UploadFile[] }>;
  progress: number | null;
  error: string | null;
  onSubmit: (v: { file: UploadFile[] }) => void;
  onEdit: () => void;
}) {
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="请使用模板填写后上传"
        description={
          <div>
            带 * 的列必填；证件号、手机号、统一社会信用代码保持文本格式；所在单位须为本辖区已注册的用人单位、主管部门或继续教育基地。
            每行单独校验，有问题的行不导入，可下载失败数据修改后重新导入（无“查看完整证件号/手机号”权限时，失败数据中的证件号、手机号为脱敏显示）；已在平台注册的人员不会重复导入。导入的人员由管理员重置密码后方可登录。
            <div style={{ marginTop: 6 }}>
              <Button size="small" icon={<DownloadOutlined />} onClick={() => void run(personnelApi.template)}>
                下载模板
              </Button>
            </div>
          </div>
        }
      />
      <Form form={form} name="personnelImport" layout="vertical" onFinish={onSubmit} onValuesChange={onEdit}>
        <FileField
          name="file"
          label="导入文件"
          rule={SHEET}
          hint="支持 .xlsx、.xls（Excel、WPS）和 .csv（UTF-8 或 GBK 编码），不超过20MB，一次最多5万行"
          disabled={progress !== null}
        />
      </Form>
      <UploadProgress percent={progress} />
    </>
  );
}

function JobsTable({ onOpen }: { onOpen: (id: number) => void }) {
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const q = useQuery({
    queryKey: [...IMPORTS_KEY, 'list', page],
    queryFn: () => personnelApi.jobs(page),
    placeholderData: keepPreviousData,
    refetchInterval: (x) => (x.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false),
  });
  const columns: TableColumnsType<ImportJob> = [
    { title: '文件', dataIndex: 'fileName', ellipsis: true },
    { title: '提交人', dataIndex: 'createdByName', width: 80 },
    { title: '提交时间', dataIndex: 'createdAt', width: 132, render: (v: string) => fmtMinute(v) },
    { title: '状态', dataIndex: 'statusName', width: 90, render: (_: string, j) => <JobStatusTag job={j} /> },
    {
      title: '进度',
      dataIndex: 'percent',
      width: 110,
      render: (v: number, j) => (
        <Progress percent={v} size="small" status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'} />
      ),
    },
    { title: '成功', dataIndex: 'imported', width: 60 },
    { title: '失败', dataIndex: 'failed', width: 60, render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
    {
      title: '操作',
      key: 'actions',
      width: 164,
      render: (_, j) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(j.id)}>
            查看结果
          </Button>
          {j.failed > 0 && (
            <Button type="link" size="small" onClick={() => void run(() => personnelApi.failuresXlsx(j.id))}>
              下载失败数据
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<ImportJob>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={q.data?.items ?? []}
      loading={q.isFetching && !q.data}
      pagination={pagedBy(page, setPage, q.data)}
      locale={{ emptyText: '暂无导入记录' }}
    />
  );
}

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ file: UploadFile[] }>();
  const [tab, setTab] = useState('import');
  const [jobId, setJobId] = useState<number | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const job = useImportJob(jobId);
  const finished = job.data?.status === 'done' || job.data?.status === 'failed';
  const uploading = progress !== null;

  const upload = async (v: { file: UploadFile[] }) => {
    const file = pickedFile(v.file);
    if (!file) return null;
    setProgress(0);
    try {
      return await personnelApi.upload(file, setProgress);
    } finally {
      setProgress(null);
    }
  };
  const { submit, error, clearError } = useFormSubmit(form, upload, {
    onSuccess: (r) => {
      if (!r) return;
      setJobId(r.id);
      void qc.invalidateQueries({ queryKey: IMPORTS_KEY });
    },
  });
  const close = () => {
    void qc.invalidateQueries({ queryKey: PERSONNEL_KEY });
    onClose();
  };
  const again = () => {
    setJobId(null);
    form.resetFields();
  };

  let footer;
  if (tab !== 'import')
    footer = (
      <Button type="primary" onClick={close}>
        关闭
      </Button>
    );
  else if (jobId == null) {
    footer = (
      <Space>
        <Button onClick={close} disabled={uploading}>
          取消
        </Button>
        <Button type="primary" loading={uploading} onClick={() => form.submit()}>
          开始导入
        </Button>
      </Space>
    );
  } else if (!finished) footer = <Button onClick={close}>关闭（后台继续导入）</Button>;
  else {
    footer = (
      <Space>
        <Button onClick={again}>继续导入</Button>
        <Button type="primary" onClick={close}>
          完成
        </Button>
      </Space>
    );
  }

  return (
    <Modal
      title="批量导入专技人员"
      open={open}
      onCancel={close}
      afterOpenChange={(o) => {
        if (!o) {
          setJobId(null);
          setTab('import');
          clearError();
        }
      }}
      destroyOnHidden
      maskClosable={!uploading}
      closable={!uploading}
      width={960}
      footer={footer}
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'import',
            label: '导入数据',
            children:
              jobId == null ? (
                <UploadStep form={form} progress={progress} error={error} onSubmit={submit} onEdit={() => error && clearError()} />
              ) : (
                <JobProgress jobId={jobId} />
              ),
          },
          {
            key: 'jobs',
            label: '导入记录',
            children: (
              <JobsTable
                onOpen={(id) => {
                  setJobId(id);
                  setTab('import');
                }}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
