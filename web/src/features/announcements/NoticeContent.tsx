/** One published announcement as a reader sees it: title, publisher and date, the body (line breaks kept), attachments. */
import { Divider, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { ANNOUNCEMENT_KINDS } from '@hbzsgx/domain';
import { fmtMinute } from '../../components/format';
import { fileSize } from '../training/api';
import { publicFileUrl, type AnnouncementDetail } from './api';
import './announcements.css';

export function NoticeContent({ a }: { a: AnnouncementDetail }) {
  return (
    <article className="notice-article">
      <Typography.Title level={3} className="notice-article-title">
        {a.title}
      </Typography.Title>
      <div className="notice-article-meta">
        <Space size={16} wrap split={<Divider orientation="vertical" />}>
          <Tag color={a.kind === 'policy' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
            {ANNOUNCEMENT_KINDS[a.kind]}
          </Tag>
          <span>发布单位：{a.publisherName}</span>
          <span>发布时间：{fmtMinute(a.publishedAt)}</span>
          <span>适用范围：{a.scope === 'province' ? '全省' : '发布单位辖区'}</span>
        </Space>
      </div>
      <div className="notice-article-body">{a.body}</div>
      {a.files.length > 0 && (
        <div className="notice-article-files">
          <Typography.Text strong>附件</Typography.Text>
          <ul>
            {a.files.map((f) => (
              <li key={f.fileId}>
                <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 6 }} />
                <a href={publicFileUrl(a.id, f)} download={f.name}>
                  {f.name}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {fileSize(f.size)}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}
