/**
 * 培训报名 (a professional's): the approved classes of the continuing-education bases serving the person's unit —
 * filters 年度, 科目类型, 学习形式, 继续教育机构, 所在市州, 面向职称系列; 剩余名额; 报名 and 取消报名 (until the start
 * date), each confirmed — and 我的报名.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Popconfirm, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CATALOGUE_STATES, ENROLMENT_STATUSES, TITLE_SERIES, type CatalogueState, type EnrolmentStatus } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { SearchButtons } from '../../components/SearchButtons';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { ENROLMENT_KEY, enrolmentApi, type CatalogueClass, type CatalogueFilters, type MyEnrolment } from './api';
import { FORM_OPTIONS, SUBJECT_OPTIONS, optionsOf } from '../../components/options';
import { classDatesColumn, subjectFormColumn } from '../../components/classColumns';

const STATE_COLORS: Record<CatalogueState, string> = { open: 'green', enrolled: 'blue', full: 'orange', closed: 'default', series: 'default' };
const SERIES_OPTIONS = TITLE_SERIES.map((t) => ({ value: t.code, label: t.name }));
const seriesNames = (codes: string[]) => (codes.length ? codes.map((c) => TITLE_SERIES.find((t) => t.code === c)?.name ?? c).join('、') : '不限');

interface FormValues extends Omit<CatalogueFilters, 'upcoming'> {
  upcoming: boolean;
}

function useCancel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { enrolmentId: number; name: string }) => enrolmentApi.cancel(v.enrolmentId),
    onSuccess: (_d, v) => feedback.success(`已取消“${v.name}”的报名`),
    onError: (e) => feedback.error(e),
    onSettled: () => qc.invalidateQueries({ queryKey: ENROLMENT_KEY }),
  });
}

function Catalogue() {
  const policies = usePolicies();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const initial: FormValues = { year: thisYear(), upcoming: true };
  const [filters, setFilters] = useState<CatalogueFilters>({ year: initial.year, upcoming: 'true' });
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const year = Form.useWatch('year', form);
  const q = useQuery({
    queryKey: [...ENROLMENT_KEY, 'catalogue', filters, page],
    queryFn: () => enrolmentApi.catalogue({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const opts = useQuery({ queryKey: [...ENROLMENT_KEY, 'options', year], queryFn: () => enrolmentApi.options(year) });
  const enrol = useMutation({
    mutationFn: (c: CatalogueClass) => enrolmentApi.enrol(c.id),
    onSuccess: (r, c) => feedback.success(`已报名“${c.name}”，剩余名额 ${r.remaining} 个`),
    onError: (e) => feedback.error(e),
    onSettled: () => qc.invalidateQueries({ queryKey: ENROLMENT_KEY }),
  });
  const cancel = useCancel();

  const search = (v: FormValues) => {
    setFilters({
      year: v.year,
      subjectType: v.subjectType,
      learningForm: v.learningForm,
      baseId: v.baseId,
      cityId: v.cityId,
      series: v.series,
      keyword: v.keyword?.trim() || undefined,
      upcoming: v.upcoming === false ? 'false' : 'true',
    });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<CatalogueClass> = [
    {
      title: '培训班名称',
      dataIndex: 'name',
      render: (v: string, c) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 2 }}>
            {v}
          </Typography.Paragraph>
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12, display: 'block' }}
            ellipsis={{ tooltip: `面向职称系列：${seriesNames(c.targetSeries)}；培训地点：${c.place}` }}
          >
            面向：{seriesNames(c.targetSeries)} · {c.place}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '继续教育机构',
      key: 'base',
      width: 180,
      render: (_, c) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.baseName }} style={{ marginBottom: 2 }}>
            {c.baseName}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.cityName ?? '省直'}
          </Typography.Text>
        </div>
      ),
    },
    subjectFormColumn(),
    { title: '学时', dataIndex: 'hours', width: 60, align: 'right' },
    classDatesColumn(),
    {
      title: '剩余名额',
      key: 'remaining',
      width: 96,
      align: 'right',
      render: (_, c) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong type={c.remaining === 0 ? 'danger' : c.remaining <= 3 ? 'warning' : undefined}>
            {c.remaining}
          </Typography.Text>{' '}
          / {c.capacity}
        </span>
      ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 100,
      render: (v: CatalogueState) => <Tag color={STATE_COLORS[v]}>{CATALOGUE_STATES[v]}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, c) =>
        c.state === 'open' ? (
          <Popconfirm
            title="报名培训班"
            description={`确定报名“${c.name}”（${c.startDate} 开班，${c.hours} 学时）吗？`}
            okText="报名"
            cancelText="取消"
            onConfirm={() => enrol.mutateAsync(c).catch(() => undefined)}
          >
            <Button type="link" size="small" disabled={enrol.isPending}>
              报名
            </Button>
          </Popconfirm>
        ) : c.state === 'enrolled' && c.enrolmentId ? (
          <Popconfirm
            title="取消报名"
            description={`确定取消“${c.name}”的报名吗？名额将释放给他人。`}
            okText="取消报名"
            okButtonProps={{ danger: true }}
            cancelText="再想想"
            onConfirm={() => cancel.mutateAsync({ enrolmentId: c.enrolmentId!, name: c.name }).catch(() => undefined)}
          >
            <Button type="link" size="small" danger disabled={cancel.isPending}>
              取消报名
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Form form={form} name="catalogueFilters" layout="inline" className="filter-bar" onFinish={search} initialValues={initial}>
        <Form.Item label="培训年度" name="year">
          <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部年度" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label="科目类型" name="subjectType">
          <Select options={SUBJECT_OPTIONS} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item label="学习形式" name="learningForm">
          <Select options={FORM_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="继续教育机构" name="baseId">
          <Select
            options={(opts.data?.bases ?? []).map((b) => ({ value: b.id, label: b.name }))}
            loading={opts.isFetching}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item label="所在市州" name="cityId">
          <Select
            options={(opts.data?.cities ?? []).map((b) => ({ value: b.id, label: b.name }))}
            allowClear
            placeholder="全部"
            style={{ width: 150 }}
          />
        </Form.Item>
        <Form.Item label="面向职称系列" name="series">
          <Select options={SERIES_OPTIONS} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="名称" name="keyword">
          <Input placeholder="培训班名称" allowClear maxLength={50} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="upcoming" valuePropName="checked">
          <Checkbox>仅显示未开班</Checkbox>
        </Form.Item>
        <SearchButtons
          onReset={() => {
            form.resetFields();
            search(initial);
          }}
        />
      </Form>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      <Table<CatalogueClass>
        rowKey="id"
        tableLayout="fixed"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 1080 }}
        pagination={pagedBy(page, setPage, q.data)}
        locale={{ emptyText: filters.upcoming === 'true' ? '暂无可报名的培训班，可取消“仅显示未开班”查看全部' : '暂无培训班' }}
      />
    </>
  );
}

function Mine() {
  const [status, setStatus] = useState<EnrolmentStatus | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const q = useQuery({
    queryKey: [...ENROLMENT_KEY, 'mine', status, page],
    queryFn: () => enrolmentApi.mine({ status, ...page }),
    placeholderData: keepPreviousData,
  });
  const cancel = useCancel();
  const columns: TableColumnsType<MyEnrolment> = [
    {
      title: '培训班名称',
      dataIndex: 'className',
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: '100%' }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: '继续教育机构',
      dataIndex: 'baseName',
      width: 190,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: '100%' }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: '年度', dataIndex: 'year', width: 70 },
    { title: '学时', dataIndex: 'hours', width: 60, align: 'right' },
    classDatesColumn(),
    { title: '报名时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: EnrolmentStatus) => <Tag color={v === 'enrolled' ? 'blue' : 'default'}>{ENROLMENT_STATUSES[v]}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, e) =>
        e.cancellable ? (
          <Popconfirm
            title="取消报名"
            description={`确定取消“${e.className}”的报名吗？名额将释放给他人。`}
            okText="取消报名"
            okButtonProps={{ danger: true }}
            cancelText="再想想"
            onConfirm={() => cancel.mutateAsync({ enrolmentId: e.id, name: e.className }).catch(() => undefined)}
          >
            <Button type="link" size="small" danger disabled={cancel.isPending}>
              取消报名
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">{e.status === 'enrolled' ? '已开班' : '—'}</Typography.Text>
        ),
    },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>报名状态：</Typography.Text>
        <Select<EnrolmentStatus>
          aria-label="报名状态"
          allowClear
          placeholder="全部"
          style={{ width: 120 }}
          options={optionsOf(ENROLMENT_STATUSES)}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
        />
      </Space>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      <Table<MyEnrolment>
        rowKey="id"
        tableLayout="fixed"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 960 }}
        pagination={pagedBy(page, setPage, q.data)}
        locale={{ emptyText: '暂无报名记录，可在“培训班目录”中报名' }}
      />
    </>
  );
}

export function EnrolmentPage() {
  const [tab, setTab] = useState('catalogue');
  return (
    <PageContainer
      title="培训报名"
      description="报名本单位所属人社部门辖区内继续教育机构开设的培训班；开班前可取消报名。培训结束后由机构登记成绩，合格学时经人社部门审核后计入个人学时。"
    >
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'catalogue', label: '培训班目录', children: <Catalogue /> },
            { key: 'mine', label: '我的报名', children: <Mine /> },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
