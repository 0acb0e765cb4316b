import type { TablePaginationConfig } from 'antd';

export const DEFAULT_PAGE_SIZE = 20;

/** Server-side pagination with the platform's conventions: 20条/页, size changer, "共 N 条". */
export function serverPagination(
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number, pageSize: number) => void,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showQuickJumper: (total ?? 0) > pageSize * 5,
    showTotal: (t) => `共 ${t} 条`,
    onChange,
  };
}

export interface PageState {
  page: number;
  pageSize: number;
}

/** serverPagination() over a list page's `{ page, pageSize }` state: a new page size starts again at page 1. */
export function pagedBy(page: PageState, setPage: (next: PageState) => void, total: number | undefined): TablePaginationConfig {
  return serverPagination(page.page, page.pageSize, total, (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }));
}
