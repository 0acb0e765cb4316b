/**
 * 培训班管理 (base) / 单位培训计划 (employer): own classes with their review state, 申报 (Modal form), 修改 while
 * pending, 修改并重新提交 after 撤回 or 驳回, 撤回, 删除 (撤回/驳回 and never had learners), 学员成绩 for approved ones.
 * The filters start from the address (工作台's cards link here with ?status= or ?learnerStatus=).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Popconfirm, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { CLASS_STATUSES, overCapacityWarning } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { useAccess } from '../../app/access';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { usePolicies, yearOptions } from '../hours/api';
import { CLASSES_KEY, LEARNER_STATUSES, trainingApi, type ClassFilters, type ClassStatus, type LearnerStatus, type TrainingClass } from './api';
import { ClassDescriptions } from './ClassDescriptions';
import { ClassFormModal } from './ClassFormModal';
import { classNouns } from './nouns';
import { ClassStatusTag } from './tags';
import { ExportButton } from '../../components/ExportButton';
import { classDatesColumn, subjectFormColumn } from '../../components/classColumns';
import { SearchButtons } from '../../components/SearchButtons';

type Filters = ClassFilters;

const STATUS_OPTIONS = Object.entries(CLASS_STATUSES).map(([value, label]) => ({ value, label }));
const LEARNER_OPTIONS = Object.entries(LEARNER_STATUSES).map(([value, label]) => ({ value, label }));
const isCode = <T extends string>(codes: Record<T, string>, v: string | null): v is T => v != null && Object.hasOwn(codes, v);

/** The filters a link may carry (?status=pending, ?learnerStatus=approved); anything else is ignored. */
function filtersOf(params: URLSearchParams): Filters {
  const status = params.get('status');
  const learnerStatus = params.get('learnerStatus');
  return {
    status: isCode(CLASS_STATUSES, status) ? (status as ClassStatus) : undefined,
    learnerStatus: isCode(LEARNER_STATUSES, learnerStatus) ? (learnerStatus as LearnerStatus) : undefined,
  };
}

export function ClassesPage() {
  const me = useMe();
  const n = classNouns(me);
  const { can } = useAccess();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const policies = usePolicies();
  const { modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>(() => filtersOf(params));
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [editing, setEditing] = useState<TrainingClass | 'new' | null>(null);
  const [viewing, setViewing] = useState<TrainingClass | null>(null);

  const q = useQuery({
    queryKey: [...CLASSES_KEY, filters, page],
    queryFn: () => trainingApi.classes({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });

  const withdraw = useMutation({
    mutationFn: (c: TrainingClass) => trainingApi.withdrawClass(c.id),
    onSuccess: (_d, c) => feedback.success(`已撤回“${c.name}”`),
    onError: (e) => feedback.error(e),
    onSettled: () => qc.invalidateQueries({ queryKey: CLASSES_KEY }),
  });

  const remove = useMutation({
    mutationFn: (c: TrainingClass) => trainingApi.deleteClass(c.id),
    onSuccess: (_d, c) => {
      feedback.success(`已删除“${c.name}”`);
      setViewing(null);
    },
    onError: (e) => feedback.error(e),
    onSettled: () => qc.invalidateQueries({ queryKey: CLASSES_KEY }),
  });

  const editable = (c: TrainingClass) => c.status === 'pending' || c.status === 'rejected' || c.status === 'withdrawn';
  /** (The server also takes back a rejected class; the page offers 撤回 while HR has it, 重新提交/删除 after.) */
  const withdrawable = (c: TrainingClass) => c.status === 'pending';
  /** Never decided by HR into use and never had a learner: the server checks the learners (deleted ones too). */
  const deletable = (c: TrainingClass) => (c.status === 'withdrawn' || c.status === 'rejected') && c.learners === 0;
  const confirmDelete = (c: TrainingClass) =>
    modal.confirm({
      title: `删除${n.noun}`,
      content: `确定删除“${c.name}”吗？删除后不可恢复。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => remove.mutateAsync(c).catch(() => undefined),
    });

  // widths for 1440 px (sider and margins leave ~1090 px): the name takes what the others leave, cut with a tooltip
  const twoLines = { whiteSpace: 'nowrap', fontSize: 13, lineHeight: '20px' } as const;
  const columns: TableColumnsType<TrainingClass> = [
    { title: '年度', dataIndex: 'year', width: 72 },
    {
      title: n.nameLabel,
      dataIndex: 'name',
      ellipsis: { showTitle: false },
      render: (v: string, c) => (
        <Tooltip title={v} placement="topLeft">
          <a onClick={() => setViewing(c)}>{v}</a>
        </Tooltip>
      ),
    },
    subjectFormColumn(),
    { title: '学时', dataIndex: 'hours', width: 60, align: 'right' },
    classDatesColumn(),
    {
      title: '计划/已登记',
      key: 'learners',
      width: 118,
      align: 'right',
      render: (_, c) => {
        const over = overCapacityWarning(c);
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {c.capacity} /{' '}
            {over ? (
              <Tooltip title={over}>
                <Typography.Text type="warning" strong>
                  {c.learners}（超员）
                </Typography.Text>
              </Tooltip>
            ) : (
              c.learners
            )}
          </span>
        );
      },
    },
    {
      title: '审核状态',
      dataIndex: 'status',
      width: 100,
      render: (v: string, c) => (
        <div>
          <ClassStatusTag status={v} />
          {v === 'rejected' && c.rejectReason && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: `驳回原因：${c.rejectReason}` }}>
              驳回原因：{c.rejectReason}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '申报时间',
      dataIndex: 'createdAt',
      width: 106,
      render: (v: string) => {
        const [d, t] = fmtMinute(v).split(' ');
        return (
          <div style={twoLines}>
            {d}
            <br />
            {t}
          </div>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 186,
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(c)}>
            查看
          </Button>
          {editable(c) && (
            <Button type="link" size="small" onClick={() => setEditing(c)}>
              {c.status === 'pending' ? '修改' : '重新提交'}
            </Button>
          )}
          {withdrawable(c) && (
            <>
              <Popconfirm
                title={`撤回${n.noun}`}
                description={`确定撤回“${c.name}”吗？撤回后不再审核。`}
                okText="撤回"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => withdraw.mutateAsync(c).catch(() => undefined)}
              >
                <Button type="link" size="small" danger disabled={withdraw.isPending}>
                  撤回
                </Button>
              </Popconfirm>
            </>
          )}
          {deletable(c) && (
            <Button type="link" size="small" danger disabled={remove.isPending} onClick={() => confirmDelete(c)}>
              删除
            </Button>
          )}
          {c.status === 'approved' && can('score.manage') && (
            <Button type="link" size="small" onClick={() => navigate(`/training/scores?classId=${c.id}`)}>
              {n.scores}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const search = (v: Filters) => {
    setFilters({ year: v.year, keyword: v.keyword?.trim() || undefined, status: v.status, learnerStatus: v.learnerStatus });
    setPage((p) => ({ ...p, page: 1 }));
    if (params.size) setParams({}, { replace: true }); // the link's filters are in the form now
  };

  return (
    <PageContainer
      title={n.employer ? '单位培训计划' : '培训班管理'}
      description={
        n.employer
          ? '申报本单位组织的培训计划，经人社部门审核通过后，可在“单位培训学时”中为参训的本单位人员申报学时。'
          : '申报培训班，经所属人社部门审核通过后，可在“学员成绩管理”中登记学员成绩，合格学员的学时由本基地代为申报。'
      }
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {n.declare}
        </Button>
      }
    >
      <Card variant="borderless">
        <Form form={form} name="classFilters" layout="inline" className="filter-bar" onFinish={search} initialValues={filters}>
          <Form.Item label="培训年度" name="year">
            <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部年度" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={n.nameLabel} name="keyword">
            <Input placeholder={`请输入${n.nameLabel}`} allowClear maxLength={50} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label="审核状态" name="status">
            <Select options={STATUS_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label={`${n.learner}申报状态`} name="learnerStatus">
            <Select options={LEARNER_OPTIONS} allowClear placeholder="全部" style={{ width: 150 }} />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              // (not resetFields: that would bring back the filters a link opened the page with)
              form.setFieldsValue({ year: undefined, keyword: undefined, status: undefined, learnerStatus: undefined });
              search({});
            }}
          >
            <ExportButton onExport={() => trainingApi.exportClasses(filters, n.employer ? '单位培训计划' : '培训班')} />
          </SearchButtons>
        </Form>
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<TrainingClass>
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1080 }}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: `暂无${n.noun}，点击右上角“${n.declare}”开始申报` }}
        />
      </Card>
      {/* keyed: each opening gets its own form, filled from the class it edits */}
      <ClassFormModal key={editing === 'new' ? 'new' : (editing?.id ?? 'closed')} editing={editing} onClose={() => setEditing(null)} />
      <Drawer
        title={`${n.noun}详情`}
        open={!!viewing}
        onClose={() => setViewing(null)}
        size={600}
        destroyOnHidden
        extra={
          viewing &&
          (editable(viewing) ? (
            <Button
              type="primary"
              onClick={() => {
                setEditing(viewing);
                setViewing(null);
              }}
            >
              {viewing.status === 'pending' ? '修改' : '修改并重新提交'}
            </Button>
          ) : viewing.status === 'approved' && can('score.manage') ? (
            <Button type="primary" onClick={() => navigate(`/training/scores?classId=${viewing.id}`)}>
              {n.scores}
            </Button>
          ) : null)
        }
      >
        {viewing && <ClassDescriptions cls={viewing} orgLabel={n.employer ? '申报单位' : '申报机构'} nameLabel={n.nameLabel} />}
      </Drawer>
    </PageContainer>
  );
}
