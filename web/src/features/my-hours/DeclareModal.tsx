/**
 * 申报个人学时: an activity of one's own with its evidence. The hours follow the year's recognition rule (shown
 * while filling in); after submitting, the hours the server recognised and why (认定依据) are shown.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Select, Space, type UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { LEARNING_FORMS, personalClaimFields, SUBJECT_TYPES, type LearningForm, type SubjectType } from '@hbzsgx/domain';
import { ApiError, errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { applyFieldErrors, zodRule } from '../../components/formErrors';
import { FileField, pickedFile, UploadProgress, type FileRule } from '../../components/upload';
import { usePolicies } from '../hours/api';
import { myHoursApi, type DeclaredClaim } from './api';

const EVIDENCE: FileRule = { exts: ['pdf', 'jpg', 'jpeg', 'png'], maxMB: 5 };
const SUBJECTS = Object.entries(SUBJECT_TYPES).map(([value, label]) => ({ value, label }));

interface Values {
  year: number;
  title: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  units: number;
  file: UploadFile[];
}

export function DeclareModal({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const policies = usePolicies();
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<DeclaredClaim | null>(null);
  const busy = progress !== null;

  const selectedYear = Form.useWatch('year', form) ?? year;
  const form_ = Form.useWatch('learningForm', form);
  const units = Form.useWatch('units', form);
  const policy = policies.data?.items.find((p) => p.year === selectedYear);
  const rules = policy?.rules ?? [];
  const rule = rules.find((r) => r.learningForm === form_);
  const estimate = rule && units ? Math.round(units * rule.hoursPerUnit * 10) / 10 : null;

  const submit = async (v: Values) => {
    const file = pickedFile(v.file);
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const c = await myHoursApi.declare(
        { year: v.year, title: v.title.trim(), subjectType: v.subjectType, learningForm: v.learningForm, units: v.units },
        file,
        setProgress,
      );
      setDone(c);
      feedback.success('申报已提交，待所在单位审核');
      void qc.invalidateQueries({ queryKey: ['me', 'hours'] });
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal
      title={done ? '申报结果' : '申报个人学时'}
      open={open}
      onCancel={onClose}
      afterOpenChange={(o) => {
        if (!o) {
          setDone(null);
          setError(null);
        }
      }}
      destroyOnHidden
      width={620}
      maskClosable={!busy}
      closable={!busy}
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose} disabled={busy}>
              取消
            </Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              提交申报
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <>
          <Result
            status="success"
            title="申报已提交"
            subTitle="先由所在单位审核，再由人社部门审核，审核通过后计入本年度学时。"
            style={{ padding: '8px 0 16px' }}
          />
          <Descriptions
            bordered
            column={1}
            size="small"
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'title', label: '学习内容', children: done.title },
              { key: 'year', label: '年度', children: `${done.year}年度` },
              { key: 'hours', label: '认定学时', children: <strong style={{ fontSize: 16 }}>{done.hours} 学时</strong> },
              { key: 'basis', label: '认定依据', children: done.basis },
            ]}
          />
        </>
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form
            form={form}
            name="declareClaim"
            layout="vertical"
            preserve={false}
            initialValues={{ year, subjectType: 'professional' }}
            onFinish={submit}
            onValuesChange={(changed: Partial<Values>) => {
              if (error) setError(null);
              if ('year' in changed) form.setFieldValue('learningForm', undefined);
            }}
            disabled={busy}
          >
            <Space size={16} style={{ display: 'flex' }} align="start">
              <Form.Item label="年度" name="year" rules={[{ required: true, message: '请选择年度' }]} style={{ width: 160 }}>
                <Select
                  options={(policies.data?.items ?? []).map((p) => ({ value: p.year, label: `${p.year}年度` })).reverse()}
                  loading={policies.isPending}
                />
              </Form.Item>
              <Form.Item label="科目类型" name="subjectType" rules={[{ required: true, message: '请选择科目类型' }]}>
                <Radio.Group options={SUBJECTS} optionType="button" buttonStyle="solid" />
              </Form.Item>
            </Space>
            <Form.Item
              label="学习内容"
              name="title"
              rules={[{ required: true, whitespace: true, message: '请填写学习内容' }, zodRule(personalClaimFields.shape.title)]}
            >
              <Input maxLength={100} showCount placeholder="如：参加2026年湖北省教育学会学术年会" />
            </Form.Item>
            <Space size={16} style={{ display: 'flex' }} align="start">
              <Form.Item label="学习形式" name="learningForm" rules={[{ required: true, message: '请选择学习形式' }]} style={{ width: 220 }}>
                <Select
                  placeholder="请选择"
                  options={rules.map((r) => ({ value: r.learningForm, label: LEARNING_FORMS[r.learningForm] }))}
                  notFoundContent="该年度暂无可申报的学习形式"
                />
              </Form.Item>
              <Form.Item
                label="数量"
                name="units"
                rules={[{ required: true, message: '请填写数量' }, zodRule(personalClaimFields.shape.units)]}
                style={{ width: 200 }}
              >
                <InputNumber min={0.5} max={365} step={0.5} suffix={rule?.unit ?? ''} style={{ width: '100%' }} placeholder="如：2" />
              </Form.Item>
            </Space>
            {rule && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={`认定规则：${LEARNING_FORMS[rule.learningForm]}每${rule.unit} ${rule.hoursPerUnit} 学时${rule.capPerYear != null ? `，年度上限 ${rule.capPerYear} 学时` : ''}${rule.note ? `（${rule.note}）` : ''}`}
                description={
                  estimate != null
                    ? `预计认定 ${estimate} 学时${rule.capPerYear != null ? '，超出年度上限的部分不予认定' : ''}；以提交后系统计算的结果为准。`
                    : undefined
                }
              />
            )}
            <FileField name="file" label="证明材料" rule={EVIDENCE} hint="如会议通知、参会证明、进修结业证书等，支持 PDF、JPG、PNG，不超过5MB" />
          </Form>
          <UploadProgress percent={progress} />
        </>
      )}
    </Modal>
  );
}
