/** Excel导入学员成绩: 下载模板 → choose an xlsx, xls or csv → upload with progress → counts, failed rows, 下载失败数据. */
import { useState } from 'react';
import { Alert, Button, Form, Modal, Result, Space, Statistic, Table, Typography, type UploadFile } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { feedback } from '../../app/feedback';
import { useFormSubmit } from '../../components/useFormSubmit';
import { FileField, pickedFile, UploadProgress, type FileRule } from '../../components/upload';
import { scoresKey, trainingApi, type ImportResult, type TrainingClass } from './api';

const SHEET: FileRule = { exts: ['xlsx', 'xls', 'csv'], maxMB: 5 };

export function ScoreImportModal({ cls, open, onClose }: { cls: TrainingClass; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ file: UploadFile[] }>();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const upload = async (v: { file: UploadFile[] }) => {
    const file = pickedFile(v.file);
    if (!file) return null;
    setProgress(0);
    try {
      return await trainingApi.importScores(cls.id, file, setProgress);
    } finally {
      setProgress(null);
    }
  };
  const {
    submit,
    pending: busy,
    error,
    clearError,
  } = useFormSubmit(form, upload, {
    onSuccess: (r) => {
      if (!r) return;
      setResult(r);
      void qc.invalidateQueries({ queryKey: scoresKey(cls.id) });
      void qc.invalidateQueries({ queryKey: ['training', 'classes'] });
      if (!r.failed.length) feedback.success(`导入完成，共导入 ${r.imported} 条`);
    },
  });

  const reset = () => {
    clearError();
    setProgress(null);
    setResult(null);
  };

  const downloadFailed = async () => {
    if (!result?.failedFileId) return;
    try {
      await trainingApi.failedFile(result.failedFileId);
    } catch (e) {
      feedback.error(e);
    }
  };

  const template = async () => {
    try {
      await trainingApi.template();
    } catch (e) {
      feedback.error(e);
    }
  };

  return (
    <Modal
      title={result ? '导入结果' : 'Excel导入学员成绩'}
      open={open}
      onCancel={onClose}
      afterOpenChange={(o) => !o && reset()}
      destroyOnHidden
      width={result ? 760 : 560}
      maskClosable={!busy}
      closable={!busy}
      footer={
        result ? (
          <Space>
            <Button
              onClick={() => {
                reset();
                form.resetFields();
              }}
            >
              继续导入
            </Button>
            <Button type="primary" onClick={onClose}>
              完成
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose} disabled={busy}>
              取消
            </Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              开始导入
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <ImportSummary result={result} onDownloadFailed={downloadFailed} />
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`导入到：${cls.name}（${cls.hours} 学时）`}
            description={
              <div>
                请使用模板填写：证件类型、证件号（文本格式）、姓名、成绩、是否合格（是/否）。逐行校验，有问题的行不导入，可下载失败数据（证件号脱敏，附原行号）对照原文件修改后重新导入。
                <div style={{ marginTop: 6 }}>
                  <Button size="small" icon={<DownloadOutlined />} onClick={template}>
                    下载模板
                  </Button>
                </div>
              </div>
            }
          />
          <Form form={form} name="scoreImport" layout="vertical" onFinish={submit} onValuesChange={() => error && clearError()}>
            <FileField
              name="file"
              label="成绩文件"
              rule={SHEET}
              hint="支持 .xlsx、.xls（Excel、WPS）和 .csv（UTF-8 或 GBK 编码），不超过5MB，一次最多导入5000行"
              disabled={busy}
            />
          </Form>
          <UploadProgress percent={progress} />
        </>
      )}
    </Modal>
  );
}

function ImportSummary({ result, onDownloadFailed }: { result: ImportResult; onDownloadFailed: () => void }) {
  const failed = result.failed.length;
  return (
    <div>
      <Result
        status={failed ? (result.imported ? 'warning' : 'error') : 'success'}
        title={failed ? (result.imported ? '部分数据导入成功' : '导入失败') : '导入成功'}
        subTitle={`共 ${result.total} 行，成功导入 ${result.imported} 行，失败 ${failed} 行`}
        style={{ padding: '8px 0 16px' }}
      />
      <Space size={48} style={{ display: 'flex', justifyContent: 'center', marginBottom: 16 }}>
        <Statistic title="总行数" value={result.total} />
        <Statistic title="成功导入" value={result.imported} styles={{ content: { color: '#389e0d' } }} />
        <Statistic title="其中重点审核" value={result.flagged} styles={{ content: { color: result.flagged ? '#d46b08' : undefined } }} />
        <Statistic title="失败" value={failed} styles={{ content: { color: failed ? '#cf1322' : undefined } }} />
      </Space>
      {failed > 0 && (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
            <Typography.Text strong>失败数据（{failed} 行）</Typography.Text>
            {result.failedFileId && (
              <Button icon={<DownloadOutlined />} onClick={onDownloadFailed}>
                下载失败数据
              </Button>
            )}
          </div>
          <Table
            rowKey="row"
            size="small"
            dataSource={result.failed}
            pagination={failed > 10 ? { pageSize: 10, showTotal: (t) => `共 ${t} 条`, size: 'small' } : false}
            columns={[
              { title: '行号', dataIndex: 'row', width: 64 },
              { title: '证件号', dataIndex: 'idNumberMasked', width: 190, render: (v: string) => <span className="mono">{v || '—'}</span> },
              { title: '姓名', dataIndex: 'name', width: 90, render: (v: string) => v || '—' },
              { title: '失败原因', dataIndex: 'reason', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
            ]}
          />
        </>
      )}
    </div>
  );
}
