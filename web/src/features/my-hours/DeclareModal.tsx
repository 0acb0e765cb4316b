/**
 * 申报个人学时: an activity of one's own with its 学习起止日期 and evidence. The hours follow the year's recognition
 * rule (shown while filling in); after submitting, the hours the server recognised and why (认定依据) are shown, and
 * 重点审核 when the dates overlap another provider's claim. 再次申报 opens it prefilled from a withdrawn claim.
 */
import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Select, Space, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { beijingDate, LEARNING_FORMS, personalClaimFields, type LearningForm, type SubjectType } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { zodRule } from '../../components/formErrors';
import { useFormSubmit } from '../../components/useFormSubmit';
import { FileField, pickedFile, UploadProgress, type FileRule } from '../../components/upload';
import { usePolicies } from '../hours/api';
import { myHoursApi, type DeclaredClaim } from './api';
import { SUBJECT_OPTIONS } from '../../components/options';

const EVIDENCE: FileRule = { exts: ['pdf', 'jpg', 'jpeg', 'png'], maxMB: 5 };

interface Values {
  year: number;
  title: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  units: number;
  activity: [Dayjs, Dayjs];
  file: UploadFile[];
}

/** What 再次申报 carries over from a withdrawn declaration (the evidence is chosen again). */
export interface DeclarePrefill {
  year: number;
  title: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  activityStart: string | null;
  activityEnd: string | null;
}

export function DeclareModal({
  open,
  year,
  prefill,
  onClose,
}: {
  open: boolean;
  year: number;
  prefill?: DeclarePrefill | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const policies = usePolicies();
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

  const declare = async (v: Values) => {
    const file = pickedFile(v.file);
    if (!file) return null;
    setProgress(0);
    try {
      return await myHoursApi.declare(
        {
          year: v.year,
          title: v.title.trim(),
          subjectType: v.subjectType,
          learningForm: v.learningForm,
          units: v.units,
          activityStart: v.activity[0].format('YYYY-MM-DD'),
          activityEnd: v.activity[1].format('YYYY-MM-DD'),
        },
        file,
        setProgress,
      );
    } finally {
      setProgress(null);
    }
  };
  const { submit, error, clearError } = useFormSubmit(form, declare, {
    // the server names activityStart/activityEnd; the form has one range field for both
    fieldAlias: { activityStart: 'activity', activityEnd: 'activity' },
    onSuccess: (c) => {
      if (!c) return;
      setDone(c);
      feedback.success('申报已提交，待所在单位审核');
      void qc.invalidateQueries({ queryKey: ['me', 'hours'] });
    },
  });

  return (
    <Modal
      title={done ? '申报结果' : '申报个人学时'}
      open={open}
      onCancel={onClose}
      afterOpenChange={(o) => {
        // the form instance outlives the modal's content: start from this opening's values (再次申报's prefill
        // included), not from what the previous declaration left in the store
        if (o) form.resetFields();
        else {
          setDone(null);
          clearError();
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
              {
                key: 'dates',
                label: '学习起止日期',
                children: done.activityStart && done.activityEnd ? `${done.activityStart} 至 ${done.activityEnd}` : '—',
              },
              { key: 'hours', label: '认定学时', children: <strong style={{ fontSize: 16 }}>{done.hours} 学时</strong> },
              { key: 'basis', label: '认定依据', children: done.basis },
            ]}
          />
          {done.flagged && (
            <Alert type="warning" showIcon style={{ marginTop: 16 }} title="该申报将作为重点审核" description={done.flagReasons.join('；')} />
          )}
        </>
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form
            form={form}
            name="declareClaim"
            layout="vertical"
            preserve={false}
            initialValues={
              prefill
                ? {
                    year: prefill.year,
                    title: prefill.title,
                    subjectType: prefill.subjectType,
                    learningForm: prefill.learningForm,
                    activity: prefill.activityStart && prefill.activityEnd ? [dayjs(prefill.activityStart), dayjs(prefill.activityEnd)] : undefined,
                  }
                : { year, subjectType: 'professional' }
            }
            onFinish={submit}
            onValuesChange={(changed: Partial<Values>) => {
              if (error) clearError();
              if ('year' in changed) {
                form.setFieldValue('learningForm', undefined);
                form.setFieldValue('activity', undefined);
              }
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
                <Radio.Group options={SUBJECT_OPTIONS} optionType="button" buttonStyle="solid" />
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
            <Form.Item
              label="学习起止日期"
              name="activity"
              dependencies={['year']}
              rules={[
                { required: true, message: '请选择学习起止日期' },
                ({ getFieldValue }) => ({
                  validator(_, v: [Dayjs, Dayjs] | undefined) {
                    if (!v?.[0] || !v[1]) return Promise.resolve();
                    const y = getFieldValue('year') as number | undefined;
                    if (y && (v[0].year() !== y || v[1].year() !== y)) return Promise.reject(new Error('学习起止日期应在申报年度内'));
                    if (v[1].format('YYYY-MM-DD') > beijingDate()) return Promise.reject(new Error('学习结束日期不能晚于今天'));
                    return Promise.resolve();
                  },
                }),
              ]}
              extra="与其他机构的学习时间重叠的申报将作为重点审核"
            >
              <DatePicker.RangePicker
                style={{ width: 320 }}
                placeholder={['开始日期', '结束日期']}
                disabledDate={(d) => d.year() !== selectedYear || d.format('YYYY-MM-DD') > beijingDate()}
                defaultPickerValue={[dayjs(`${selectedYear}-01-01`), dayjs(`${selectedYear}-01-01`)]}
              />
            </Form.Item>
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
