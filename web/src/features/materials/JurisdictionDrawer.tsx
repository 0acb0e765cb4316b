/** 辖区单位报送的材料: read-only details and files to download (opening it marks it 已查看). */
import { useEffect } from 'react';
import { Alert, Descriptions, Drawer, Skeleton } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ORG_TYPES } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { fmtTime, orDash } from '../../components/format';
import { JURISDICTION_KEY, materialsApi } from './api';
import { MaterialFiles } from './MaterialFiles';
import { ViewedTag } from './tags';

export function JurisdictionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...JURISDICTION_KEY, 'detail', id], queryFn: () => materialsApi.jurisdictionGet(id!), enabled: id != null });
  const m = q.data;
  // the list shows 已查看 as soon as the server has recorded the opening
  const openedId = m?.id;
  useEffect(() => {
    if (openedId != null) void qc.invalidateQueries({ queryKey: JURISDICTION_KEY, exact: false, predicate: (x) => x.queryKey[2] !== 'detail' });
  }, [openedId, qc]);

  return (
    <Drawer title="报送材料详情" open={id != null} onClose={onClose} size={720} destroyOnHidden>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />}
      {!m && q.isPending && <Skeleton active />}
      {m && (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 20 }}>
            <Descriptions.Item label="报送单位" span={2}>
              {m.orgName}
            </Descriptions.Item>
            <Descriptions.Item label="单位类型">{ORG_TYPES[m.orgType] ?? m.orgType}</Descriptions.Item>
            <Descriptions.Item label="所属地区">{m.divisionName}</Descriptions.Item>
            <Descriptions.Item label="报送年度">{m.year}年度</Descriptions.Item>
            <Descriptions.Item label="状态">
              <ViewedTag m={m} />
            </Descriptions.Item>
            <Descriptions.Item label="材料名称" span={2}>
              {m.title}
            </Descriptions.Item>
            <Descriptions.Item label="说明" span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(m.description)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="提交时间">{fmtTime(m.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="首次查看">{fmtTime(m.viewedAt)}</Descriptions.Item>
          </Descriptions>
          <MaterialFiles material={m} editable={false} onDownload={(f) => materialsApi.jurisdictionDownload(m.id, f)} />
        </>
      )}
    </Drawer>
  );
}
