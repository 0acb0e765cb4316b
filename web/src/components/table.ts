import type { TablePaginationConfig } from 'antd';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * Server-side pagination with the platform's conventions: 20条/页, size changer, "共 N 条" — or "共 10,000+ 条" when
 * the server's count stopped at its bound (`capped`: the list answered totalCapped; the pages end there).
 */
export function serverPagination(
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number, pageSize: number) => void,
  capped = false,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showQuickJumper: (total ?? 0) > pageSize * 5,
    showTotal: (t) => (capped ? `共 ${new Intl.NumberFormat('zh-CN').format(t)}+ 条` : `共 ${t} 条`),
    onChange,
  };
}

export interface PageState {
  page: number;
  pageSize: number;
}

/** The part of a list answer the paginator reads. */
export interface PagedTotal {
  total: number;
  totalCapped?: boolean;
}

/** serverPagination() over a list page's `{ page, pageSize }` state: a new page size starts again at page 1. */
export function pagedBy(page: PageState, setPage: (next: PageState) => void, data: PagedTotal | undefined): TablePaginationConfig {
  return serverPagination(
    page.page,
    page.pageSize,
    data?.total,
    (p, s) => setPage({ page: s !== page.pageSize ? 1 : p, pageSize: s }),
    data?.totalCapped,
  );
}

/**
 * The width a table's columns need (the `scroll.x` it should scroll at, no wider): the set widths, `flex` for each
 * column without one (a name that takes what the others leave, cut with an ellipsis), and the selection checkbox.
 */
export function columnsWidth(columns: readonly { width?: number | string }[], opts: { flex?: number; selectable?: boolean } = {}): number {
  const flex = opts.flex ?? 120;
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : flex), opts.selectable ? 32 : 0);
}
