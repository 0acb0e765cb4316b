import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A page's title row (title, one-line description, actions) above its content. */
export function PageContainer({
  title,
  description,
  extra,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div>
      <div className="page-head">
        <div>
          <Typography.Title level={4}>{title}</Typography.Title>
          {description && <div className="page-head-desc">{description}</div>}
        </div>
        {extra && <div>{extra}</div>}
      </div>
      {children}
    </div>
  );
}
