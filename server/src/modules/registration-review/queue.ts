/** 注册审核管理: the five registration queues as one review-queue definition (lib/review-queue.ts). */
import {
  ORG_STATUSES,
  PERSONNEL_STATUSES,
  REVIEW_KINDS,
  registrationRow,
  reviewTabQuery,
  type orgRegistrationRow,
  type OrgType,
  type personnelRegistrationRow,
  type ReviewKind,
} from '@hbzsgx/domain';
import type { z } from 'zod';
import type { Column } from '../../lib/excel.js';
import { fmtTime } from '../../lib/paging.js';
import type { QueueDefinition } from '../../lib/review-queue.js';
import { countPending, decide, listQueue } from './service.js';

const filters = reviewTabQuery.pick({ tab: true, keyword: true });
type Row = z.output<typeof registrationRow>;
type PersonRow = z.output<typeof personnelRegistrationRow>;
type OrgRow = z.output<typeof orgRegistrationRow>;

const PERSON_COLUMNS: Column<PersonRow>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '手机号', width: 16, value: (r) => r.phoneMasked },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '工作部门', value: (r) => r.departmentName },
  { header: '职称系列', value: (r) => r.titleSeriesName },
  { header: '职称级别', value: (r) => r.titleLevelName },
  { header: '审核单位', width: 30, value: (r) => r.reviewerName },
  { header: '状态', width: 10, value: (r) => PERSONNEL_STATUSES[r.status] },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '注册时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];
const ORG_COLUMNS: Column<OrgRow>[] = [
  { header: '机构名称', width: 32, value: (r) => r.name },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '机构类型', width: 14, value: (r) => r.typeName },
  { header: '所属地区', value: (r) => r.divisionName },
  { header: '上级部门（审核单位）', width: 30, value: (r) => r.parentName },
  { header: '联系人', value: (r) => r.contactName },
  // the contact's phone is a person's number: masked by listQueue like every phone in a list or export
  { header: '联系电话', width: 16, value: (r) => r.contactPhone },
  { header: '地址', width: 36, value: (r) => r.address },
  { header: '状态', width: 10, value: (r) => ORG_STATUSES[r.status] },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '注册时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];

const TITLES: Record<ReviewKind, string> = {
  personnel: '专技人员注册审核',
  employer: '下属单位注册审核',
  authority: '主管部门注册审核',
  base: '继续教育机构注册审核',
  hr: '人社部门注册审核',
};
/** Which organisation types have which queue (matches the menus in packages/domain). */
const QUEUE_TYPES: Record<ReviewKind, OrgType[]> = {
  personnel: ['hr', 'authority', 'employer', 'base'],
  employer: ['hr', 'authority'],
  authority: ['hr'],
  base: ['hr'],
  hr: ['hr'],
};

export const registrationQueue: QueueDefinition<ReviewKind, typeof filters, typeof registrationRow> = {
  path: 'registrations',
  tags: ['注册审核管理'],
  permission: 'reg.review',
  kinds: { values: REVIEW_KINDS, error: '审核类别不正确' },
  title: (kind) => TITLES[kind],
  filters,
  row: registrationRow,
  list: listQueue,
  // a queue holds either people or organisations: the kind decides which columns its rows fill
  columns: (kind) => (kind === 'personnel' ? PERSON_COLUMNS : ORG_COLUMNS) as Column<Row>[],
  exportWhat: (kind) => `registrations.${kind}`,
  todo: {
    key: (kind) => `reg-${kind}`,
    path: (kind) => `/account/registrations/${kind}`,
    types: (kind) => QUEUE_TYPES[kind],
    // an HR department's registration is decided above it: a county HR has no HR department below it
    hrLevels: (kind) => (kind === 'hr' ? ['province', 'city'] : ['province', 'city', 'county']),
    count: countPending,
  },
  decide: { run: decide },
  summaries: { list: '注册审核队列（待审核/已审核）', export: '导出注册审核队列（xlsx，与列表相同的筛选）' },
};
