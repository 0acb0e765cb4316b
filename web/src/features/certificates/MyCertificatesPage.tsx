/** 电子证书 (personnel): each year's hours and completion, 下载学时证明 (PDF) and the certificate's verification code. */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { PageContainer } from '../../components/PageContainer';
import { CERTIFICATES_KEY, certificatesApi, type MyYear } from './api';
import { CertificateCell, CompletionTag } from './tags';
import { MultiYearModal } from './MultiYearModal';

const MINE_KEY = [...CERTIFICATES_KEY, 'mine'] as const;

export function MyCertificatesPage() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: MINE_KEY, queryFn: certificatesApi.mine });
  const [withClaims, setWithClaims] = useState(true);
  const [printing, setPrinting] = useState<number | null>(null);
  const [multiOpen, setMultiOpen] = useState(false);

  const print = async (y: MyYear) => {
    setPrinting(y.year);
    try {
      const r = await certificatesApi.printMine(y.year, withClaims);
      feedback.success(`已下载${y.year}年度学时证明，验证码 ${r.code ?? ''}`);
      void qc.invalidateQueries({ queryKey: MINE_KEY });
    } catch (e) {
      feedback.error(e);
    } finally {
      setPrinting(null);
    }
  };

  const columns: TableColumnsType<MyYear> = [
    { title: '年度', dataIndex: 'year', width: 100, render: (v: number) => <strong>{v}年度</strong> },
    {
      title: '公需科目',
      dataIndex: 'publicHours',
      width: 130,
      render: (v: number, r) => (
        <>
          {v} <Typography.Text type="secondary">/ {r.policy.publicMin}</Typography.Text>
        </>
      ),
    },
    {
      title: '专业科目',
      dataIndex: 'professionalHours',
      width: 130,
      render: (v: number, r) => (
        <>
          {v} <Typography.Text type="secondary">/ {r.policy.professionalMin}</Typography.Text>
        </>
      ),
    },
    {
      title: '合计学时',
      dataIndex: 'totalHours',
      width: 130,
      render: (v: number, r) => (
        <>
          <strong>{v}</strong> <Typography.Text type="secondary">/ {r.policy.totalRequired}</Typography.Text>
        </>
      ),
    },
    { title: '完成情况', dataIndex: 'completed', width: 100, render: (v: boolean) => <CompletionTag completed={v} /> },
    { title: '电子证书', key: 'certificate', render: (_, r) => <CertificateCell cert={r.certificate} /> },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Tooltip title={r.totalHours === 0 ? '该年度暂无已认定的学时' : undefined}>
          <Button
            type="primary"
            ghost
            size="small"
            icon={<DownloadOutlined />}
            loading={printing === r.year}
            disabled={r.totalHours === 0 || (printing != null && printing !== r.year)}
            onClick={() => void print(r)}
          >
            下载学时证明
          </Button>
        </Tooltip>
      ),
    },
  ];

  return (
    <PageContainer
      title="电子证书"
      description="下载本人各年度的继续教育学时证明（PDF）。证明上印有验证码和二维码，用人单位等可在线核验真伪；学时变更后重新下载将出具新证明，原证明作废。"
      extra={
        <>
          <Checkbox checked={withClaims} onChange={(e) => setWithClaims(e.target.checked)}>
            附学时明细
          </Checkbox>
          <Button icon={<HistoryOutlined />} onClick={() => setMultiOpen(true)}>
            多年度学时证明
          </Button>
        </>
      }
    >
      <Card variant="borderless">
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<MyYear>
          rowKey="year"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无年度学时记录" /> }}
        />
      </Card>
      <MultiYearModal
        open={multiOpen}
        who="本人"
        optionsKey="mine"
        load={certificatesApi.myMultiYear}
        print={(from, to) => certificatesApi.printMyMultiYear(from, to).finally(() => void qc.invalidateQueries({ queryKey: MINE_KEY }))}
        onClose={() => setMultiOpen(false)}
      />
    </PageContainer>
  );
}
