/**
 * 电子证书查询打印 (HR): the jurisdiction's personnel with a year's hours and completion, 打印 (one PDF) and 批量打印
 * (all active personnel of a unit, one page each). Printing issues the certificate, or reuses it while unchanged.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { HistoryOutlined, PrinterOutlined, SnippetsOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { CERTIFICATES_KEY, certificatesApi, type PeopleFilters, type PersonRow } from './api';
import { BatchPrintModal } from './BatchPrintModal';
import { MultiYearModal } from './MultiYearModal';
import { CertificateCell, CompletionTag } from './tags';
import { SearchButtons } from '../../components/SearchButtons';

type Filters = Omit<PeopleFilters, 'year' | 'sort' | 'order'>;
type Sort = Pick<PeopleFilters, 'sort' | 'order'>;

function FilterBar({
  year,
  onYear,
  onSearch,
  extra,
}: {
  year: number;
  onYear: (y: number) => void;
  onSearch: (f: Filters) => void;
  extra: React.ReactNode;
}) {
  const [form] = Form.useForm<Filters>();
  const policies = usePolicies();
  return (
    <Form
      form={form}
      name="certificateFilters"
      layout="inline"
      className="filter-bar"
      onFinish={(v) =>
        onSearch({ name: v.name?.trim() || undefined, idNumber: v.idNumber?.trim() || undefined, orgName: v.orgName?.trim() || undefined })
      }
    >
      <Form.Item label="年度">
        <Select aria-label="年度" value={year} onChange={onYear} options={yearOptions(policies.data?.items)} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item label="姓名" name="name">
        <Input placeholder="请输入姓名" allowClear maxLength={50} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item label="证件号" name="idNumber" rules={[{ pattern: /^[0-9A-Za-z]{6,30}$/, message: '请输入完整证件号' }]}>
        <Input placeholder="完整证件号，精确查询" allowClear maxLength={30} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item label="所在单位" name="orgName">
        <Input placeholder="单位名称关键字" allowClear maxLength={100} style={{ width: 180 }} />
      </Form.Item>
      <SearchButtons
        onReset={() => {
          form.resetFields();
          onSearch({});
        }}
        wrap
      >
        {extra}
      </SearchButtons>
    </Form>
  );
}

export function CertificatesPage() {
  const qc = useQueryClient();
  const [year, setYear] = useState(thisYear());
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<Sort>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [withClaims, setWithClaims] = useState(false);
  const [printing, setPrinting] = useState<number | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const [multi, setMulti] = useState<PersonRow | null>(null);

  const q = useQuery({
    queryKey: [...CERTIFICATES_KEY, 'people', year, filters, sort, page],
    queryFn: () => certificatesApi.people({ year, ...filters, ...sort, ...page }),
    placeholderData: keepPreviousData,
  });

  const print = async (r: PersonRow) => {
    setPrinting(r.personnelId);
    try {
      const res = await certificatesApi.print(r.personnelId, year, withClaims);
      feedback.success(
        res.code && res.code === r.certificate?.code
          ? `已下载${r.name}的${year}年度学时证明（学时未变，沿用原证书，验证码 ${res.code}）`
          : `已出具${r.name}的${year}年度学时证明，验证码 ${res.code ?? ''}`,
      );
      void qc.invalidateQueries({ queryKey: [...CERTIFICATES_KEY, 'people'] });
    } catch (e) {
      feedback.error(e);
    } finally {
      setPrinting(null);
    }
  };

  const sortOrder = (key: NonNullable<Sort['sort']>) => (sort.sort === key ? (sort.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: TableColumnsType<PersonRow> = [
    { title: '序号', dataIndex: 'seq', width: 56, fixed: 'left' },
    { title: '姓名', dataIndex: 'name', key: 'name', width: 90, fixed: 'left', sorter: true, sortOrder: sortOrder('name') },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 160 },
    { title: '所在单位', dataIndex: 'orgName', key: 'orgName', ellipsis: true, sorter: true, sortOrder: sortOrder('orgName') },
    {
      title: '职称系列',
      dataIndex: 'titleSeriesName',
      width: 110,
      render: (v: string, r) =>
        v ? (
          <>
            {v}
            {r.titleLevelName && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {r.titleLevelName}
              </Typography.Text>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: <Tooltip title="公需科目学时 / 专业科目学时 / 合计学时（按合计排序）">公需 / 专业 / 合计</Tooltip>,
      key: 'totalHours',
      width: 150,
      sorter: true,
      sortOrder: sortOrder('totalHours'),
      render: (_, r) => (
        <span className="cert-hours">
          {r.publicHours} <span className="cert-hours-sep">/</span> {r.professionalHours} <span className="cert-hours-sep">/</span>{' '}
          <strong>{r.totalHours}</strong>
        </span>
      ),
    },
    { title: '完成情况', dataIndex: 'completed', width: 86, render: (v: boolean) => <CompletionTag completed={v} /> },
    { title: '电子证书', key: 'certificate', width: 216, render: (_, r) => <CertificateCell cert={r.certificate} /> },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, r) => (
        <>
          <Tooltip title={r.certificate?.validity === 'changed' ? '学时已变更：打印将出具新证书，原证书作废' : undefined}>
            <Button
              type="link"
              size="small"
              icon={<PrinterOutlined />}
              loading={printing === r.personnelId}
              disabled={printing != null && printing !== r.personnelId}
              onClick={() => void print(r)}
            >
              打印
            </Button>
          </Tooltip>
          <Tooltip title="多年度学时证明（职称申报用）">
            <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setMulti(r)}>
              多年度
            </Button>
          </Tooltip>
        </>
      ),
    },
  ];

  const policy = q.data?.policy;
  return (
    <PageContainer
      title="电子证书查询打印"
      description="查询辖区内专业技术人员的年度学时及完成情况，打印学时证明（PDF，含验证码和二维码，可在线验证真伪）。学时未变化时重复打印沿用原证书；学时变更后重新打印将出具新证书，原证书作废。"
      extra={
        <Button type="primary" icon={<SnippetsOutlined />} onClick={() => setBatchOpen(true)}>
          批量打印
        </Button>
      }
    >
      <Card variant="borderless">
        <FilterBar
          year={year}
          onYear={(y) => {
            setYear(y);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          onSearch={(f) => {
            setFilters(f);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          extra={
            <>
              <ExportButton onExport={() => certificatesApi.exportXlsx({ year, ...filters, ...sort })} />
              <Checkbox checked={withClaims} onChange={(e) => setWithClaims(e.target.checked)}>
                打印时附学时明细
              </Checkbox>
            </>
          }
        />
        {policy && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            {year}年度学时要求：合计不少于 {policy.totalRequired} 学时，其中专业科目不少于 {policy.professionalMin} 学时、公需科目不少于{' '}
            {policy.publicMin} 学时。
          </Typography.Paragraph>
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<PersonRow>
          rowKey="personnelId"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          size="middle"
          scroll={{ x: 1090 }}
          onChange={(_p, _f, s) => {
            const one = Array.isArray(s) ? s[0] : s;
            const key = one?.order ? (one.columnKey as Sort['sort']) : undefined;
            setSort(key ? { sort: key, order: one?.order === 'descend' ? 'desc' : 'asc' } : {});
          }}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: '没有符合条件的专业技术人员' }}
        />
      </Card>
      <MultiYearModal
        open={multi != null}
        who={multi?.name ?? ''}
        optionsKey={multi?.personnelId ?? 0}
        load={() => certificatesApi.personMultiYear(multi!.personnelId)}
        print={(from, to) => certificatesApi.printMultiYear(multi!.personnelId, from, to)}
        onClose={() => setMulti(null)}
      />
      <BatchPrintModal open={batchOpen} year={year} includeClaims={withClaims} onClose={() => setBatchOpen(false)} />
    </PageContainer>
  );
}
