/**
 * 培训班管理 (base) / 单位培训计划 (employer): own classes with their review state, 申报 (Modal form),
 * 修改/撤回 while pending or rejected, 学员成绩 for approved ones.
 */
import { useState } from 'react';
import { Alert, Button, Card, Drawer, Form, Input, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { LEARNING_FORMS, SUBJECT_TYPES } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { useAccess } from '../../app/access';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { usePolicies, yearOptions } from '../hours/api';
import { CLASSES_KEY, trainingApi, type TrainingClass } from './api';
import { ClassDescriptions } from './ClassDescriptions';
import { ClassFormModal } from './ClassFormModal';
import { classNouns } from './nouns';
import { ClassStatusTag } from './tags';
import { ExportButton } from '../../components/ExportButton';
import { SearchButtons } from '../../components/SearchButtons';

interface Filters {
  year?: number;
  keyword?: string;
}

export function ClassesPage() {
  const me = useMe();
  const n = classNouns(me);
  const { can } = useAccess();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const policies = usePolicies();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
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

  const editable = (c: TrainingClass) => c.status === 'pending' || c.status === 'rejected';

  const columns: TableColumnsType<TrainingClass> = [
    { title: '培训年度', dataIndex: 'year', width: 90, render: (v: number) => `${v}年度` },
    {
      title: n.nameLabel,
      dataIndex: 'name',
      ellipsis: true,
      render: (v: string, c) => (
        <a onClick={() => setViewing(c)} title={v}>
          {v}
        </a>
      ),
    },
    { title: '科目类型', dataIndex: 'subjectType', width: 90, render: (v: keyof typeof SUBJECT_TYPES) => SUBJECT_TYPES[v] },
    { title: '学习形式', dataIndex: 'learningForm', width: 86, render: (v: keyof typeof LEARNING_FORMS) => LEARNING_FORMS[v] },
    { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
    {
      title: '培训时间',
      key: 'dates',
      width: 120,
      render: (_, c) => (
        <div style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
          {c.startDate}
          <br />
          {c.endDate}
        </div>
      ),
    },
    { title: '计划人数', dataIndex: 'capacity', width: 86, align: 'right' },
    { title: `已登记${n.learner}`, dataIndex: 'learners', width: 100, align: 'right' },
    {
      title: '审核状态',
      dataIndex: 'status',
      width: 200,
      render: (v: string, c) => (
        <div>
          <ClassStatusTag status={v} />
          {v === 'rejected' && c.rejectReason && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: c.rejectReason }}>
              驳回原因：{c.rejectReason}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '申报时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(c)}>
            查看
          </Button>
          {editable(c) && (
            <>
              <Button type="link" size="small" onClick={() => setEditing(c)}>
                修改
              </Button>
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
    setFilters({ year: v.year, keyword: v.keyword?.trim() || undefined });
    setPage((p) => ({ ...p, page: 1 }));
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
        <Form form={form} name="classFilters" layout="inline" className="filter-bar" onFinish={search}>
          <Form.Item label="培训年度" name="year">
            <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部年度" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={n.nameLabel} name="keyword">
            <Input placeholder={`请输入${n.nameLabel}`} allowClear maxLength={50} style={{ width: 220 }} />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              form.resetFields();
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
          scroll={{ x: 1250 }}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: `暂无${n.noun}，点击右上角“${n.declare}”开始申报` }}
        />
      </Card>
      <ClassFormModal editing={editing} onClose={() => setEditing(null)} />
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
              修改
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
