/** 上传年度培训计划 / 年度工作总结: 报送年度, 说明, one document (pdf/doc/docx/xls/xlsx ≤ 10MB), with upload progress. */
import { useState } from 'react';
import { Form, Input, Select, type UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { feedback } from '../../app/feedback';
import { FormModal } from '../../components/FormModal';
import { FileField, pickedFile, UploadProgress, type FileRule } from '../../components/upload';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { ANNUAL_DOCS_KEY, DOC_KINDS, trainingApi, type DocKind } from './api';

const DOC_RULE: FileRule = { exts: ['pdf', 'doc', 'docx', 'xls', 'xlsx'], maxMB: 10 };

interface Values {
  year: number;
  description: string;
  file: UploadFile[];
}

export function AnnualUploadModal({ kind, open, onClose }: { kind: DocKind; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const policies = usePolicies();
  const [progress, setProgress] = useState<number | null>(null);
  const busy = progress !== null;
  const what = DOC_KINDS[kind];

  const submit = async (v: Values) => {
    const file = pickedFile(v.file);
    if (!file) return;
    setProgress(0);
    try {
      await trainingApi.uploadAnnualDoc({ kind, year: v.year, description: v.description.trim() }, file, setProgress);
    } finally {
      setProgress(null);
    }
    feedback.success(`${v.year}${what}已提交，待人社部门审核`); // what: 年度培训计划 → 2026年度培训计划
    void qc.invalidateQueries({ queryKey: ANNUAL_DOCS_KEY });
    onClose();
  };

  return (
    <FormModal
      title={`上传${what}`}
      open={open}
      onClose={onClose}
      okText="提交"
      width={560}
      lockWhilePending
      form={form}
      name={`annualUpload-${kind}`}
      initialValues={{ year: thisYear() }}
      submit={submit}
      footnote={<UploadProgress percent={progress} />}
    >
      <Form.Item label="报送年度" name="year" rules={[{ required: true, message: '请选择报送年度' }]}>
        <Select options={yearOptions(policies.data?.items)} style={{ width: 200 }} disabled={busy} />
      </Form.Item>
      <Form.Item
        label="说明"
        name="description"
        rules={[
          { required: true, whitespace: true, message: '请填写说明' },
          { max: 500, message: '不能超过500个字符' },
        ]}
      >
        <Input.TextArea
          maxLength={500}
          showCount
          autoSize={{ minRows: 3, maxRows: 6 }}
          placeholder={
            kind === 'plan'
              ? '简要说明本年度培训计划的主要内容，如培训班数量、科目、预计培训人次'
              : '简要说明本年度培训工作完成情况，如举办培训班数量、培训人次、合格率'
          }
          disabled={busy}
        />
      </Form.Item>
      <FileField name="file" label={`${what}文件`} rule={DOC_RULE} disabled={busy} />
    </FormModal>
  );
}
