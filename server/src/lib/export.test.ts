import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { exportList, exportQuery, exportRows } from './export.js';

const reply = () => {
  const r = { header: vi.fn(() => r), send: vi.fn(() => r) };
  return r;
};
const db = { insert: vi.fn(() => ({ values: vi.fn(async () => undefined) })) };
const req = { actor: null, ip: '127.0.0.1', server: { deps: { config: { EXPORT_STATEMENT_TIMEOUT_MS: 120_000 } } } } as unknown as FastifyRequest;

describe('list exports', () => {
  it('refuse more rows than the cap with a Chinese message, before auditing or sending anything', async () => {
    const rep = reply();
    const load = vi.fn(async () => ({ total: 3, items: [{ n: 1 }, { n: 2 }] }));
    await expect(
      exportList(db as unknown as Db, req, rep as unknown as FastifyReply, {
        what: 't',
        title: '测试',
        filters: {},
        columns: [{ header: 'n', value: (r) => r.n }],
        load,
        max: 2,
        batch: 2,
      }),
    ).rejects.toThrow('符合条件的记录共 3 条，超过单次导出上限 2 条');
    expect(load).toHaveBeenCalledWith({ page: 1, pageSize: 2 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(db.insert).not.toHaveBeenCalled();
    expect(rep.send).not.toHaveBeenCalled();
    await expect(
      exportRows(db as unknown as Db, req, rep as unknown as FastifyReply, {
        what: 't',
        title: '测试',
        filters: {},
        columns: [],
        rows: [1, 2, 3],
        max: 2,
      }),
    ).rejects.toThrow('超过单次导出上限');
  });

  it('stream an xlsx attachment batch by batch, every row once and in order, audited once at the cap', async () => {
    const rep = reply();
    const all = [1, 2, 3, 4, 5].map((n) => ({ n }));
    const load = vi.fn(async (p: { page: number; pageSize: number }) => ({
      total: 5,
      items: all.slice((p.page - 1) * p.pageSize, p.page * p.pageSize),
    }));
    await exportList(db as unknown as Db, req, rep as unknown as FastifyReply, {
      what: 't',
      title: '测试',
      filters: { a: 1 },
      columns: [{ header: 'n', value: (r: { n: number }) => r.n }],
      load,
      max: 5,
      batch: 2,
    });
    expect(db.insert).toHaveBeenCalledTimes(1);
    expect(rep.header).toHaveBeenCalledWith('Content-Disposition', expect.stringMatching(/^attachment/));
    const stream = (rep.send.mock.calls[0] as unknown[])[0] as Readable;
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(load.mock.calls.map(([p]) => p)).toEqual([
      { page: 1, pageSize: 2 },
      { page: 2, pageSize: 2 },
      { page: 3, pageSize: 2 },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => values.push(row.getCell(1).value));
    expect(values).toEqual(['n', 1, 2, 3, 4, 5]);
  });

  it('take the list filters and refuse paging parameters', () => {
    const q = exportQuery(z.object({ year: z.coerce.number().optional() }));
    expect(q.safeParse({ year: '2026' }).success).toBe(true);
    const paged = q.safeParse({ year: '2026', page: '1', pageSize: '20' });
    expect(paged.success).toBe(false);
    expect(paged.error?.issues[0]?.message).toBe('导出包含全部符合条件的记录，不接受分页参数');
  });
});
