import { beijingDateTime } from '@hbzsgx/domain';

export function paging(q: { page: number; pageSize: number }) {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}
/** An export cell: 'YYYY-MM-DD HH:mm:ss' in Beijing time, '' when empty. */
export const fmtTime = (d: Date | null | undefined) => (d ? beijingDateTime(d) : '');
