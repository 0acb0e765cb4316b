/**
 * 通知公告管理 (province and city HR): the own organisation's announcements by kind, state and title, 20 per page, with
 * 新建/编辑 (a Modal with the attachments), 发布 / 撤回 / 删除 (a draft only) behind a Popconfirm, and 导出.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ANNOUNCEMENT_KINDS, ANNOUNCEMENT_STATUSES, type AnnouncementKind, type AnnouncementStatus } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ExportButton } from '../../components/ExportButton';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { SearchButtons } from '../../components/SearchButtons';
import { columnsWidth, DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { useMe } from '../../app/session';
import { ANNOUNCEMENTS_KEY, announcementsApi, type ManagedAnnouncement, type ManagedFilters } from './api';
import { AnnouncementFormModal } from './AnnouncementFormModal';

const STATUS_COLORS: Record<AnnouncementStatus, string> = { draft: 'default', published: 'success', withdrawn: 'warning' };
const KIND_OPTIONS = (Object.keys(ANNOUNCEMENT_KINDS) as AnnouncementKind[]).map((k) => ({ value: k, label: ANNOUNCEMENT_KINDS[k] }));
const STATUS_OPTIONS = (Object.keys(ANNOUNCEMENT_STATUSES) as AnnouncementStatus[]).map((s) => ({ value: s, label: ANNOUNCEMENT_STATUSES[s] }));

export function ManageAnnouncementsPage() {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<ManagedFilters>();
  const [filters, setFilters] = useState<ManagedFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const q = useQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'admin', filters, page],
    queryFn: () => announcementsApi.managed({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ANNOUNCEMENTS_KEY });
  const act = useMutation({
    mutationFn: ({ a, op }: { a: ManagedAnnouncement; op: 'publish' | 'withdraw' | 'remove' }) => announcementsApi[op](a.id),
    onSuccess: (_, { a, op }) => feedback.success(`${op === 'publish' ? '已发布' : op === 'withdraw' ? '已撤回' : '已删除'}“${a.title}”`),
    onError: (e) => feedback.error(e),
    onSettled: refresh,
  });
  const search = (v: ManagedFilters) => {
    setFilters({ noticeKind: v.noticeKind, status: v.status, headline: v.headline?.trim() || undefined });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<ManagedAnnouncement> = [
    { title: '类别', dataIndex: 'kind', width: 100, render: (v: AnnouncementKind) => ANNOUNCEMENT_KINDS[v] },
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: true,
      render: (v: string, a) => (
        <Space size={4}>
          {a.pinned && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              置顶
            </Tag>
          )}
          <span title={v}>{v}</span>
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: AnnouncementStatus) => (
        <Tag color={STATUS_COLORS[v]} style={{ marginInlineEnd: 0 }}>
          {ANNOUNCEMENT_STATUSES[v]}
        </Tag>
      ),
    },
    { title: '附件', dataIndex: 'fileCount', width: 70, render: (n: number) => (n ? `${n} 个` : '—') },
    { title: '发布时间', dataIndex: 'publishedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
    { title: '创建人', dataIndex: 'creatorName', width: 100, ellipsis: true },
    { title: '更新时间', dataIndex: 'updatedAt', width: 140, render: (v: string) => fmtMinute(v) },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_, a) => (
        <Space size={0}>
          {a.status === 'published' ? (
            <>
              <Button type="link" size="small" onClick={() => void navigate(`/announcements/${a.id}`)}>
                查看
              </Button>
              <Popconfirm
                title="撤回通知公告"
                description="撤回后首页和各工作台将不再显示，附件也不能再下载。确定撤回吗？"
                okText="撤回"
                cancelText="取消"
                onConfirm={() => act.mutateAsync({ a, op: 'withdraw' })}
              >
                <Button type="link" size="small" danger>
                  撤回
                </Button>
              </Popconfirm>
            </>
          ) : (
            <>
              <Button type="link" size="small" onClick={() => setEditing(a.id)}>
                编辑
              </Button>
              <Popconfirm
                title="发布通知公告"
                description={`发布后将在首页及${me.org.hrLevel === 'province' ? '全省' : '本市（州）'}各单位、人员的工作台显示。确定发布吗？`}
                okText="发布"
                cancelText="取消"
                onConfirm={() => act.mutateAsync({ a, op: 'publish' })}
              >
                <Button type="link" size="small">
                  发布
                </Button>
              </Popconfirm>
            </>
          )}
          {a.status === 'draft' && (
            <Popconfirm
              title="删除草稿"
              description={`确定删除草稿“${a.title}”吗？`}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => act.mutateAsync({ a, op: 'remove' })}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="通知公告管理"
      description={`发布本单位的通知公告和政策文件：保存为草稿后可上传附件，发布后显示在平台首页和${me.org.hrLevel === 'province' ? '全省' : '本市（州）'}各单位、人员的工作台；已发布的如需修改，请先撤回。`}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建
        </Button>
      }
    >
      <Card variant="borderless">
        <Form form={form} name="announcementFilters" layout="inline" className="filter-bar" onFinish={search}>
          <Form.Item label="类别" name="noticeKind">
            <Select options={KIND_OPTIONS} allowClear placeholder="全部" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item label="状态" name="status">
            <Select options={STATUS_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="标题" name="headline">
            <Input allowClear maxLength={100} placeholder="标题关键字" style={{ width: 220 }} />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              form.resetFields();
              search({});
            }}
          >
            <ExportButton onExport={() => announcementsApi.exportXlsx(filters)} />
          </SearchButtons>
        </Form>
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<ManagedAnnouncement>
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: columnsWidth(columns, { flex: 240 }) }}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: '暂无通知公告，点击右上角“新建”发布' }}
        />
      </Card>
      <AnnouncementFormModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(created) => {
          setEditing(null);
          refresh();
          feedback.success(created ? '已保存为草稿，确认无误后点击“发布”' : '已保存');
        }}
      />
    </PageContainer>
  );
}
