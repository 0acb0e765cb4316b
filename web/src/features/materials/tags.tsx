import { Tag } from 'antd';
import type { Material } from './api';

/** The submitter's view: 草稿 / 已提交 (and whether the superior has opened it). */
export function MaterialStatusTag({ m }: { m: Pick<Material, 'status' | 'viewedAt'> }) {
  if (m.status === 'draft') return <Tag style={{ marginInlineEnd: 0 }}>草稿</Tag>;
  return m.viewedAt ? (
    <Tag color="success" style={{ marginInlineEnd: 0 }}>
      已提交 · 上级已查看
    </Tag>
  ) : (
    <Tag color="processing" style={{ marginInlineEnd: 0 }}>
      已提交
    </Tag>
  );
}

/** The superior's view: 待查看 / 已查看. */
export function ViewedTag({ m }: { m: Pick<Material, 'viewedAt'> }) {
  return m.viewedAt ? (
    <Tag color="success" style={{ marginInlineEnd: 0 }}>
      已查看
    </Tag>
  ) : (
    <Tag color="warning" style={{ marginInlineEnd: 0 }}>
      待查看
    </Tag>
  );
}
