/**
 * 学时政策设置 (province HR): per year, the requirement (总学时, 专业/公需 minimums, 申报截止日期) and the recognition
 * rules (学习形式 → 学时/单位, 计量单位, 年度上限). Data, never constants: each year is edited here.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { hasHrDuty, LEARNING_FORMS, type LearningForm } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useFormSubmit } from '../../components/useFormSubmit';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { hoursApi, POLICIES_KEY, thisYear, usePolicies, type Policy } from './api';
import { FORM_OPTIONS } from '../../components/options';

interface RuleValues {
  learningForm?: LearningForm;
  hoursPerUnit?: number;
  unit?: string;
  capPerYear?: number | null;
  note?: string;
}
interface Values {
  totalRequired: number;
  professionalMin: number;
  publicMin: number;
  closingDate: Dayjs;
  maxHoursPerDay: number;
  reminderDays: number[];
  rules: RuleValues[];
}

/** 学时提醒: the offsets offered (days before the closing date). */
const REMINDER_OPTIONS = [90, 60, 30, 15, 7, 3, 1].map((d) => ({ value: d, label: `截止前 ${d} 天` }));

const hoursInput = { min: 0, max: 1000, step: 1, style: { width: '100%' } } as const;
/** The server keeps hours with one decimal. */
const oneDecimal = {
  validator: (_: unknown, v: number | null | undefined) =>
    v == null || Math.abs(v * 10 - Math.round(v * 10)) < 1e-9 ? Promise.resolve() : Promise.reject(new Error('最多一位小数')),
};

function toValues(p: Policy | undefined, year: number): Values {
  return {
    totalRequired: p?.totalRequired ?? 90,
    professionalMin: p?.professionalMin ?? 60,
    publicMin: p?.publicMin ?? 30,
    closingDate: p ? dayjs(p.year === year ? p.closingDate : `${year}-12-31`) : dayjs(`${year}-12-31`),
    maxHoursPerDay: p?.maxHoursPerDay ?? 8,
    reminderDays: [...(p?.reminderDays ?? [30, 7, 1])].sort((a, b) => b - a),
    rules: (p?.rules ?? []).map((r) => ({
      learningForm: r.learningForm,
      hoursPerUnit: r.hoursPerUnit,
      unit: r.unit,
      capPerYear: r.capPerYear,
      note: r.note,
    })),
  };
}

export function PolicyPage() {
  const me = useMe();
  const editable = hasHrDuty(me.org, 'policy');
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const policies = usePolicies();
  const items = useMemo(() => policies.data?.items ?? [], [policies.data]);
  const [year, setYear] = useState<number>(thisYear());
  const [extraYears, setExtraYears] = useState<number[]>([]);
  const [adding, setAdding] = useState(false);
  const [newYear, setNewYear] = useState<number | null>(thisYear() + 1);
  const [form] = Form.useForm<Values>();

  const current = items.find((p) => p.year === year);
  // a new year starts from the latest year's settings
  const template = current ?? [...items].sort((a, b) => b.year - a.year)[0];
  const years = [...new Set([...items.map((p) => p.year), ...extraYears, year])].sort((a, b) => b - a);

  const save = useFormSubmit(
    form,
    (v: Values) =>
      hoursApi.savePolicy(year, {
        totalRequired: v.totalRequired,
        professionalMin: v.professionalMin,
        publicMin: v.publicMin,
        closingDate: v.closingDate.format('YYYY-MM-DD'),
        maxHoursPerDay: v.maxHoursPerDay,
        reminderDays: v.reminderDays,
        rules: v.rules.map((r) => ({
          learningForm: r.learningForm!,
          hoursPerUnit: r.hoursPerUnit!,
          unit: (r.unit ?? '').trim(),
          capPerYear: r.capPerYear ?? null,
          note: (r.note ?? '').trim(),
        })),
      }),
    {
      onSuccess: () => {
        feedback.success(`${year}年度学时政策已保存`);
        setExtraYears((ys) => ys.filter((y) => y !== year));
        void qc.invalidateQueries({ queryKey: POLICIES_KEY });
      },
    },
  );
  const { error, clearError } = save;

  useEffect(() => {
    if (policies.isPending) return;
    form.setFieldsValue(toValues(template, year));
    clearError();
  }, [year, policies.isPending, template, form, clearError]);

  const confirmSave = (v: Values) =>
    modal.confirm({
      title: `保存${year}年度学时政策`,
      content: '保存后立即生效：此后的申报按新的要求和认定规则计算，已认定的学时不变；完成情况按新的年度要求判定。',
      okText: '保存',
      cancelText: '取消',
      onOk: () => save.submitAsync(v),
    });

  return (
    <PageContainer
      title="学时政策设置"
      description="按年度设置专业技术人员继续教育学时要求和学时认定规则（人社部令第25号：每年累计不少于90学时，其中专业科目一般不少于总学时的三分之二）。"
      extra={
        <Space>
          <Typography.Text>年度：</Typography.Text>
          <Select
            aria-label="政策年度"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y}年度${items.some((p) => p.year === y) ? '' : '（未设置）'}` }))}
            style={{ width: 160 }}
          />
          {editable && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              新增年度
            </Button>
          )}
        </Space>
      }
    >
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="学时政策由省人社厅设置，此处仅供查看。" />}
      {policies.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(policies.error)} style={{ marginBottom: 16 }} />}
      {policies.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Form
          form={form}
          name="policyForm"
          layout="vertical"
          disabled={!editable}
          onFinish={confirmSave}
          onValuesChange={() => error && clearError()}
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          {!current && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${year}年度尚未设置学时政策，以下为参考${template ? `${template.year}年度` : '默认'}设置，保存后生效。`}
            />
          )}
          <Card
            variant="borderless"
            title={`${year}年度学时要求`}
            extra={current?.updatedAt && <Typography.Text type="secondary">最后修改：{fmtMinute(current.updatedAt)}</Typography.Text>}
            style={{ marginBottom: 16 }}
          >
            <Row gutter={24}>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item label="年度总学时要求" name="totalRequired" rules={[{ required: true, message: '请输入总学时' }, oneDecimal]}>
                  <InputNumber {...hoursInput} suffix="学时" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item
                  label="专业科目不少于"
                  name="professionalMin"
                  dependencies={['totalRequired', 'publicMin']}
                  rules={[
                    { required: true, message: '请输入专业科目最低学时' },
                    oneDecimal,
                    ({ getFieldValue }) => ({
                      validator(_, v: number | undefined) {
                        const total = getFieldValue('totalRequired') as number | undefined;
                        const pub = getFieldValue('publicMin') as number | undefined;
                        if (v == null || total == null || pub == null) return Promise.resolve();
                        return v + pub > total ? Promise.reject(new Error('专业科目与公需科目最低学时之和不能超过总学时')) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <InputNumber {...hoursInput} suffix="学时" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item label="公需科目不少于" name="publicMin" rules={[{ required: true, message: '请输入公需科目最低学时' }, oneDecimal]}>
                  <InputNumber {...hoursInput} suffix="学时" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item
                  label="申报截止日期"
                  name="closingDate"
                  rules={[{ required: true, message: '请选择申报截止日期' }]}
                  extra="截止后不再接受该年度的学时申报"
                >
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={6}>
                <Form.Item
                  label="培训班每天最多学时"
                  name="maxHoursPerDay"
                  rules={[
                    { required: true, message: '请输入每天最多学时' },
                    {
                      validator: (_: unknown, v: number | null | undefined) =>
                        v == null || (v > 0 && v <= 24 && Number.isInteger(v * 2))
                          ? Promise.resolve()
                          : Promise.reject(new Error('应为0.5至24之间、0.5的整数倍')),
                    },
                  ]}
                  extra="培训班申报的学时不能超过 每天最多学时 × 培训天数"
                >
                  <InputNumber step={0.5} style={{ width: '100%' }} suffix="学时/天" />
                </Form.Item>
              </Col>
              <Col xs={24} lg={12}>
                <Form.Item
                  label="学时提醒"
                  name="reminderDays"
                  rules={[{ type: 'array', max: 5, message: '最多设置5个提醒时间' }]}
                  extra="在这些日期向尚未完成的专业技术人员发送站内消息，并向其单位管理员发送未完成人数汇总；不选则不提醒"
                >
                  <Select mode="multiple" allowClear options={REMINDER_OPTIONS} placeholder="不提醒" aria-label="学时提醒" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card
            variant="borderless"
            title="学时认定规则"
            extra={<Typography.Text type="secondary">个人申报学时按此计算：数量 × 每单位学时，不超过年度上限</Typography.Text>}
          >
            <Form.List
              name="rules"
              rules={[
                {
                  validator: async (_, rules: RuleValues[] | undefined) => {
                    const forms = (rules ?? []).map((r) => r?.learningForm).filter(Boolean);
                    if (new Set(forms).size !== forms.length) throw new Error('同一学习形式只能有一条认定规则');
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  <Table
                    rowKey="key"
                    size="middle"
                    dataSource={fields}
                    pagination={false}
                    locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无认定规则，个人将无法申报学时" /> }}
                    columns={[
                      {
                        title: '学习形式',
                        key: 'form',
                        width: 150,
                        render: (_, f) => (
                          <Form.Item name={[f.name, 'learningForm']} rules={[{ required: true, message: '请选择' }]} style={{ margin: 0 }}>
                            <Select options={FORM_OPTIONS} placeholder="请选择" aria-label="学习形式" />
                          </Form.Item>
                        ),
                      },
                      {
                        title: '每单位学时',
                        key: 'hpu',
                        width: 140,
                        render: (_, f) => (
                          <Form.Item
                            name={[f.name, 'hoursPerUnit']}
                            rules={[{ required: true, message: '请输入' }, oneDecimal]}
                            style={{ margin: 0 }}
                          >
                            <InputNumber {...hoursInput} aria-label="每单位学时" />
                          </Form.Item>
                        ),
                      },
                      {
                        title: '计量单位',
                        key: 'unit',
                        width: 110,
                        render: (_, f) => (
                          <Form.Item
                            name={[f.name, 'unit']}
                            rules={[
                              { required: true, whitespace: true, message: '请输入' },
                              { max: 10, message: '不超过10个字符' },
                            ]}
                            style={{ margin: 0 }}
                          >
                            <Input placeholder="天/次/学时" maxLength={10} aria-label="计量单位" />
                          </Form.Item>
                        ),
                      },
                      {
                        title: '年度上限（学时）',
                        key: 'cap',
                        width: 150,
                        render: (_, f) => (
                          <Form.Item name={[f.name, 'capPerYear']} rules={[oneDecimal]} style={{ margin: 0 }}>
                            <InputNumber {...hoursInput} placeholder="不限" aria-label="年度上限" />
                          </Form.Item>
                        ),
                      },
                      {
                        title: '说明',
                        key: 'note',
                        render: (_, f) => (
                          <Form.Item name={[f.name, 'note']} rules={[{ max: 100, message: '不超过100个字符' }]} style={{ margin: 0 }}>
                            <Input placeholder="如：参加学术会议每次8学时" maxLength={100} aria-label="说明" />
                          </Form.Item>
                        ),
                      },
                      ...(editable
                        ? [
                            {
                              title: '操作',
                              key: 'op',
                              width: 70,
                              render: (_: unknown, f: { name: number }) => (
                                <Button
                                  type="link"
                                  danger
                                  size="small"
                                  icon={<DeleteOutlined />}
                                  onClick={() => remove(f.name)}
                                  aria-label="删除规则"
                                />
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                  <Form.ErrorList errors={errors} />
                  {editable && (
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      style={{ marginTop: 12 }}
                      onClick={() => add({ unit: '天', note: '' })}
                      disabled={fields.length >= Object.keys(LEARNING_FORMS).length}
                    >
                      添加规则
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </Card>
          {editable && (
            <div style={{ marginTop: 16, textAlign: 'right' }}>
              <Space>
                <Button
                  onClick={() => {
                    form.setFieldsValue(toValues(template, year));
                    clearError();
                  }}
                >
                  恢复
                </Button>
                <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.pending}>
                  保存{year}年度政策
                </Button>
              </Space>
            </div>
          )}
        </Form>
      )}
      <Modal
        title="新增年度"
        open={adding}
        onCancel={() => setAdding(false)}
        okText="确定"
        cancelText="取消"
        onOk={() => {
          if (!newYear) return;
          setExtraYears((ys) => [...new Set([...ys, newYear])]);
          setYear(newYear);
          setAdding(false);
        }}
        destroyOnHidden
        width={400}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>请输入要设置学时政策的年度，新年度将以最近一个年度的设置为参考。</Typography.Text>
          <InputNumber
            aria-label="年度"
            min={2000}
            max={2100}
            precision={0}
            value={newYear}
            onChange={setNewYear}
            suffix="年度"
            style={{ width: 200 }}
          />
        </Space>
      </Modal>
    </PageContainer>
  );
}
