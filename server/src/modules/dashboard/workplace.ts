/**
 * 本单位概况 (用人单位) / 所属单位概况 (主管部门) on the 工作台: the active people, this year's 已完成 and 未完成 (from
 * the same completion figures as 本单位完成情况, statistics/service.ts workplaceCompletion) and the items waiting
 * in the seat's queues (the 待办事项 above it) — each a link to the list that shows them.
 */
import { beijingYear } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { BadRequestError } from '../../errors.js';
import { workplaceCompletion } from '../statistics/service.js';

interface SummaryItem {
  label: string;
  value: number;
  path?: string;
}

export async function workplaceSummary(ctx: ServiceContext, people: number, todos: { count: number }[]): Promise<SummaryItem[]> {
  const own = ctx.actor.org.type === 'employer' ? '本单位' : '所属单位';
  const year = beijingYear(ctx.now());
  const may = (p: 'personnel.view' | 'stats.view') => ctx.actor.permissions.has(p);
  const items: SummaryItem[] = [{ label: `${own}专业技术人员`, value: people, path: may('personnel.view') ? '/personnel' : undefined }];
  // this year's completion, when the year's requirement is set (else the figures would mean nothing)
  const s = await workplaceCompletion(ctx, { year, page: 1, pageSize: 1, sort: 'total', order: 'desc' }).catch((e: unknown) => {
    if (e instanceof BadRequestError) return null;
    throw e;
  });
  if (s) {
    const list = (completed: 'yes' | 'no') => (may('personnel.view') ? `/personnel?year=${year}&completed=${completed}` : undefined);
    items.push(
      { label: `${year}年度已完成`, value: s.summary.completed, path: list('yes') },
      { label: `${year}年度未完成`, value: s.summary.uncompleted, path: list('no') },
    );
  }
  items.push({ label: '待处理事项', value: todos.reduce((n, t) => n + t.count, 0) });
  return items;
}
