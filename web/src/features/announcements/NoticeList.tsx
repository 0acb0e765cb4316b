/** A list of published announcements: 置顶, title (a link to its detail), publisher and date — home page, 工作台, lists. */
import { Empty, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fmtDate } from '../../components/format';
import type { AnnouncementItem } from './api';
import './announcements.css';

/** 湖北省人力资源和社会保障厅 → 湖北省人社厅, 武汉市人力资源和社会保障局 → 武汉市人社局 (the usual short form, for one-line cards). */
export const shortName = (name: string) => name.replace('人力资源和社会保障', '人社');

export function NoticeList({
  items,
  loading,
  href,
  empty = '暂无通知公告',
  compact,
}: {
  items: AnnouncementItem[] | undefined;
  loading?: boolean;
  /** Where an item's title leads (the public /notices/:id or the in-app /announcements/:id). */
  href: (a: AnnouncementItem) => string;
  empty?: string;
  /** One line per item (cards): the publisher after the title, cut with an ellipsis. */
  compact?: boolean;
}) {
  if (loading && !items) return <Skeleton active title={false} paragraph={{ rows: 5 }} />;
  if (!items?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul className={compact ? 'notice-list notice-list-compact' : 'notice-list'}>
      {items.map((a) => (
        <li key={a.id} className="notice-item">
          <span className="notice-item-main">
            {a.pinned && (
              <Tag color="red" className="notice-tag">
                置顶
              </Tag>
            )}
            <Link to={href(a)} className="notice-title" title={a.title}>
              {a.title}
            </Link>
          </span>
          <span className="notice-meta">
            <Typography.Text type="secondary" className="notice-publisher" title={a.publisherName}>
              {compact ? shortName(a.publisherName) : a.publisherName}
            </Typography.Text>
            <Typography.Text type="secondary" className="notice-date">
              {fmtDate(a.publishedAt)}
            </Typography.Text>
          </span>
        </li>
      ))}
    </ul>
  );
}
