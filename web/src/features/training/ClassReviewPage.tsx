/**
 * 审核培训计划申报 (bases' classes, /training/class-review) and 单位培训计划审核 (employers' plans, /hours/unit-plans) on
 * the shared ReviewQueuePage: 年度 + 名称 filter, 查看 (drawer with 通过/驳回).
 */
import { useState } from 'react';
import { Drawer, Form, Space, Tag, Tooltip, Button, type TableColumnsType } from 'antd';
import { overCapacityWarning, SUBJECT_TYPES } from '@hbzsgx/domain';
import { fmtMinute, orDash } from '../../components/format';
import { DecideButtons, ReviewQueuePage, useReviewQueue } from '../../components/ReviewQueue';
import { SearchButtons } from '../../components/SearchButtons';
import { CLASS_REVIEW_KEY, trainingApi, type ClassReviewFilters, type TrainingClass } from './api';
import { ClassDescriptions } from './ClassDescriptions';
import { ClassStatusTag } from './tags';
import { PlanFilterItems } from './PlanFilterItems';
import { classDatesColumn, subjectFormColumn } from '../../components/classColumns';

type OrgType = 'base' | 'employer';
const TEXT: Record<OrgType, { title: string; description: string; org: string; noun: string; name: string }> = {
  base: {
    title: '审核培训计划申报',
    description: '辖区内继续教育基地（机构）申报的培训班。审核通过后，基地方可登记学员成绩并代为申报学时。',
    org: '继续教育机构',
    noun: '培训班',
    name: '培训班名称',
  },
  employer: {
    title: '单位培训计划审核',
    description: '辖区内用人单位申报的单位培训计划。审核通过后，单位方可为参训的本单位人员申报学时。',
    org: '所在单位',
    noun: '培训计划',
    name: '培训班名称',
  },
};

type Filters = ClassReviewFilters;

export const BaseClassReviewPage = () => <ClassReviewPage orgType="base" />;
export const UnitPlanReviewPage = () => <ClassReviewPage orgType="employer" />;

function ClassReviewPage({ orgType }: { orgType: OrgType }) {
  const t = TEXT[orgType];
  const [form] = Form.useForm<Filters>();
  const [viewing, setViewing] = useState<TrainingClass | null>(null);
  const queue = useReviewQueue<TrainingClass, Filters>(
    {
      queryKey: [...CLASS_REVIEW_KEY, orgType],
      list: (q) => trainingApi.reviewClasses({ ...q, orgType }),
      decide: (d) => trainingApi.decideClasses(d),
      exportXlsx: (q) => trainingApi.exportReviewClasses({ ...q, orgType }, t.title),
      noun: t.noun,
      unit: '个',
      label: (c) => `“${c.name}”`,
      afterReject: '申报方可修改后重新提交',
    },
    { onDecided: () => setViewing(null) },
  );
  const search = (v: Filters) =>
    queue.search({ year: v.year, keyword: v.keyword?.trim() || undefined, subjectType: v.subjectType, orgName: v.orgName?.trim() || undefined });
  const nameLink = (v: string, c: TrainingClass) => {
    const over = overCapacityWarning(c);
    return (
      <span className="nowrap">
        <a onClick={() => setViewing(c)} title={v}>
          {v}
        </a>
        {over && (
          <Tooltip title={over}>
            <Tag color="warning" style={{ marginInlineStart: 4 }}>
              超员
            </Tag>
          </Tooltip>
        )}
      </span>
    );
  };

  // 单位培训计划审核: exactly the manual's columns (序号, 年度, 培训班名称, 所在单位, 学习科目, 申报时间, 操作)
  const unitColumns: TableColumnsType<TrainingClass> = [
    { title: '序号', key: 'seq', width: 64, render: (_v, _c, i) => (queue.page.page - 1) * queue.page.pageSize + i + 1 },
    { title: '年度', dataIndex: 'year', width: 80, render: (v: number) => `${v}年度` },
    { title: '培训班名称', dataIndex: 'name', ellipsis: { showTitle: false }, render: nameLink },
    { title: '所在单位', dataIndex: 'baseName', width: 190, ellipsis: true },
    { title: '学习科目', dataIndex: 'subjectType', width: 100, render: (v: keyof typeof SUBJECT_TYPES) => SUBJECT_TYPES[v] },
    { title: '申报时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    ...(queue.tab === 'done' ? [{ title: '审核结果', dataIndex: 'status', width: 90, render: (v: string) => <ClassStatusTag status={v} /> }] : []),
  ];

  const baseColumns: TableColumnsType<TrainingClass> = [
    { title: t.org, dataIndex: 'baseName', width: 170, ellipsis: true },
    {
      title: t.name,
      dataIndex: 'name',
      ellipsis: true,
      render: (v: string, c) => (
        <a onClick={() => setViewing(c)} title={v}>
          {v}
        </a>
      ),
    },
    { title: '培训年度', dataIndex: 'year', width: 90 },
    subjectFormColumn(),
    { title: '学时', dataIndex: 'hours', width: 64, align: 'right' },
    classDatesColumn(),
    {
      title: '计划/已登记',
      key: 'capacity',
      width: 110,
      align: 'right',
      // more learners registered than the class planned: shown to the reviewer (SPEC 重点审核)
      render: (_, c) => {
        const over = overCapacityWarning(c);
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {c.capacity} / {c.learners}
            {over && (
              <Tooltip title={over}>
                <Tag color="warning" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>
                  超员
                </Tag>
              </Tooltip>
            )}
          </span>
        );
      },
    },
    ...(queue.tab === 'pending'
      ? [{ title: '申报时间', dataIndex: 'createdAt', width: 130, render: (v: string) => fmtMinute(v) }]
      : [
          { title: '审核结果', dataIndex: 'status', width: 90, render: (v: string) => <ClassStatusTag status={v} /> },
          { title: '审核时间', dataIndex: 'reviewedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
          {
            title: '驳回原因',
            dataIndex: 'rejectReason',
            width: 150,
            ellipsis: { showTitle: false },
            render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
          },
        ]),
  ];

  const columns = orgType === 'employer' ? unitColumns : baseColumns;
  return (
    <ReviewQueuePage
      queue={queue}
      title={t.title}
      description={t.description}
      actionsWidth={{ pending: 170, done: 70 }}
      filters={(exportButton) => (
        <Form form={form} name={`classReviewFilters-${orgType}`} layout="inline" className="filter-bar" onFinish={search}>
          <PlanFilterItems nameField="keyword" nameLabel={t.name} unitPlan={orgType === 'employer'} />
          <SearchButtons
            onReset={() => {
              form.resetFields();
              search({});
            }}
          >
            {exportButton}
          </SearchButtons>
        </Form>
      )}
      columns={columns}
      rowActions={(c) => (
        <Button type="link" size="small" onClick={() => setViewing(c)}>
          查看
        </Button>
      )}
    >
      <Drawer
        title={`${t.noun}详情`}
        open={!!viewing}
        onClose={() => setViewing(null)}
        size={600}
        destroyOnHidden
        extra={
          viewing?.status === 'pending' && (
            <Space>
              <DecideButtons queue={queue} row={viewing} size="middle" />
            </Space>
          )
        }
      >
        {viewing && <ClassDescriptions cls={viewing} orgLabel={t.org} nameLabel={t.name} />}
      </Drawer>
    </ReviewQueuePage>
  );
}
