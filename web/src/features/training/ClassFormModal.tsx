/** 申报培训班 / 修改: one form for a base's training class or an employer's unit training plan. */
import { Alert, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { classBody, classHoursProblem, TITLE_SERIES, type ClassBody, type LearningForm, type SubjectType } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { zodRule } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { CLASSES_KEY, trainingApi, type TrainingClass } from './api';
import { classNouns } from './nouns';
import { FORM_OPTIONS, SUBJECT_OPTIONS } from '../../components/options';

interface Values {
  year: number;
  name: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  hours: number;
  dates: [Dayjs, Dayjs];
  place: string;
  capacity: number;
  targetSeries: string[];
}

export const SERIES_OPTIONS = TITLE_SERIES.map((s) => ({ value: s.code, label: s.name }));

const shape = classBody.shape;

/** `editing`: null = closed, 'new' = 申报, a class = 修改. */
export function ClassFormModal({ editing, onClose }: { editing: TrainingClass | 'new' | null; onClose: () => void }) {
  const me = useMe();
  const n = classNouns(me);
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const policies = usePolicies();
  const cls = editing && editing !== 'new' ? editing : null;

  const initial: Partial<Values> = cls
    ? {
        year: cls.year,
        name: cls.name,
        subjectType: cls.subjectType,
        learningForm: cls.learningForm,
        hours: cls.hours,
        dates: [dayjs(cls.startDate), dayjs(cls.endDate)],
        place: cls.place,
        capacity: cls.capacity,
        targetSeries: cls.targetSeries,
      }
    : { year: thisYear(), subjectType: 'professional', learningForm: 'faceToFace', targetSeries: [] };

  const submit = (v: Values) => {
    const body: ClassBody = {
      year: v.year,
      name: v.name.trim(),
      subjectType: v.subjectType,
      learningForm: v.learningForm,
      hours: v.hours,
      startDate: v.dates[0].format('YYYY-MM-DD'),
      endDate: v.dates[1].format('YYYY-MM-DD'),
      place: v.place.trim(),
      capacity: v.capacity,
      targetSeries: v.targetSeries ?? [],
    };
    return cls ? trainingApi.updateClass(cls.id, body) : trainingApi.createClass(body);
  };

  return (
    <FormModal
      title={cls ? `修改${n.noun}` : n.declare}
      open={!!editing}
      onClose={onClose}
      okText={cls ? (cls.status === 'pending' ? '保存' : '保存并重新提交') : '提交审核'}
      width={720}
      form={form}
      name="classForm"
      initialValues={initial}
      submit={submit}
      fieldAlias={{ startDate: 'dates', endDate: 'dates' }}
      onSuccess={() => {
        feedback.success(cls ? `${n.noun}已修改，已重新提交人社部门审核` : `${n.noun}已提交，待人社部门审核`);
        void qc.invalidateQueries({ queryKey: CLASSES_KEY });
        onClose();
      }}
      intro={
        <>
          {cls?.status === 'withdrawn' && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title="该培训班已撤回，修改后将重新提交人社部门审核。" />
          )}
          {cls?.status === 'rejected' && cls.rejectReason && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`驳回原因：${cls.rejectReason}`}
              description="修改后将重新提交人社部门审核。"
            />
          )}
        </>
      }
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="培训年度" name="year" rules={[{ required: true, message: '请选择培训年度' }]}>
            <Select options={yearOptions(policies.data?.items)} loading={policies.isPending} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            label={n.nameLabel}
            name="name"
            rules={[{ required: true, whitespace: true, message: `请输入${n.nameLabel}` }, zodRule(shape.name)]}
          >
            <Input maxLength={100} showCount placeholder="如：2026年中小学教师信息技术应用能力提升培训" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="科目类型" name="subjectType" rules={[{ required: true, message: '请选择科目类型' }]}>
            <Radio.Group options={SUBJECT_OPTIONS} optionType="button" buttonStyle="solid" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="学习形式" name="learningForm" rules={[{ required: true, message: '请选择学习形式' }]}>
            <Select options={FORM_OPTIONS} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            label="学时"
            name="hours"
            dependencies={['dates', 'year']}
            rules={[
              { required: true, message: '请输入学时' },
              zodRule(shape.hours),
              // the year's per-day maximum (学时政策), as the server checks it
              ({ getFieldValue }) => ({
                validator(_, v: number | undefined) {
                  const dates = getFieldValue('dates') as [Dayjs, Dayjs] | undefined;
                  const max = policies.data?.items.find((p) => p.year === getFieldValue('year'))?.maxHoursPerDay;
                  if (v == null || !dates?.[0] || !dates[1] || max == null) return Promise.resolve();
                  const problem = classHoursProblem(
                    { hours: v, startDate: dates[0].format('YYYY-MM-DD'), endDate: dates[1].format('YYYY-MM-DD') },
                    max,
                  );
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              }),
            ]}
          >
            {/* no min/max here: a number out of range is shown as an error, never silently changed */}
            <InputNumber step={1} suffix="学时" style={{ width: '100%' }} placeholder="如：24" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            label="培训时间"
            name="dates"
            dependencies={['year']}
            rules={[
              { required: true, message: '请选择培训起止日期' },
              ({ getFieldValue }) => ({
                validator(_, v: [Dayjs, Dayjs] | undefined) {
                  if (!v?.[0]) return Promise.resolve();
                  const year = getFieldValue('year') as number | undefined;
                  if (year && v[0].year() !== year) return Promise.reject(new Error('开始日期应在培训年度内'));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="计划人数" name="capacity" rules={[{ required: true, message: '请输入计划人数' }, zodRule(shape.capacity)]}>
            <InputNumber min={1} max={100000} precision={0} suffix="人" style={{ width: '100%' }} placeholder="如：100" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="培训地点" name="place" rules={[{ required: true, whitespace: true, message: '请输入培训地点' }, zodRule(shape.place)]}>
            <Input maxLength={100} placeholder={n.employer ? '如：本单位三楼会议室' : '如：武汉城市职业学院继续教育楼201'} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label="培训对象（职称系列）" name="targetSeries" extra="不选择表示面向所有职称系列">
            <Select
              mode="multiple"
              options={SERIES_OPTIONS}
              placeholder="不限"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              maxTagCount="responsive"
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
