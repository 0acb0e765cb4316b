/** One training class in full (查看), for the declarer and for the reviewer. */
import { Descriptions, Space, Tag, Typography } from 'antd';
import { LEARNING_FORMS, overCapacityWarning, SUBJECT_TYPES, TITLE_SERIES } from '@hbzsgx/domain';
import { fmtMinute, orDash } from '../../components/format';
import type { TrainingClass } from './api';
import { ClassStatusTag } from './tags';

export const seriesName = (code: string) => TITLE_SERIES.find((s) => s.code === code)?.name ?? code;

export function TargetSeries({ codes }: { codes: string[] }) {
  if (!codes.length) return <span>不限</span>;
  return (
    <Space size={[0, 4]} wrap>
      {codes.map((c) => (
        <Tag key={c}>{seriesName(c)}</Tag>
      ))}
    </Space>
  );
}

export function ClassDescriptions({
  cls,
  orgLabel = '申报机构',
  nameLabel = '培训班名称',
}: {
  cls: TrainingClass;
  orgLabel?: string;
  nameLabel?: string;
}) {
  return (
    <Descriptions
      bordered
      column={1}
      size="small"
      styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'org', label: orgLabel, children: cls.baseName },
        { key: 'name', label: nameLabel, children: cls.name },
        { key: 'year', label: '培训年度', children: `${cls.year}年度` },
        { key: 'subject', label: '科目类型', children: SUBJECT_TYPES[cls.subjectType] },
        { key: 'form', label: '学习形式', children: LEARNING_FORMS[cls.learningForm] },
        { key: 'hours', label: '学时', children: `${cls.hours} 学时` },
        { key: 'dates', label: '培训时间', children: `${cls.startDate} 至 ${cls.endDate}` },
        { key: 'place', label: '培训地点', children: cls.place },
        { key: 'capacity', label: '计划人数', children: `${cls.capacity} 人` },
        { key: 'series', label: '培训对象', children: <TargetSeries codes={cls.targetSeries} /> },
        {
          key: 'learners',
          label: '已登记人数',
          children: (
            <>
              {cls.learners} 人
              {overCapacityWarning(cls) && (
                <Typography.Text type="warning" style={{ display: 'block' }}>
                  {overCapacityWarning(cls)}
                </Typography.Text>
              )}
            </>
          ),
        },
        { key: 'createdAt', label: '申报时间', children: fmtMinute(cls.createdAt) },
        { key: 'status', label: '审核状态', children: <ClassStatusTag status={cls.status} /> },
        ...(cls.reviewedAt ? [{ key: 'reviewedAt', label: '审核时间', children: fmtMinute(cls.reviewedAt) }] : []),
        ...(cls.status === 'rejected' ? [{ key: 'reason', label: '驳回原因', children: orDash(cls.rejectReason) }] : []),
      ]}
    />
  );
}
