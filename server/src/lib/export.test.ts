import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeExport, type Column } from './excel.js';
import { exportQuery } from './export.js';

type Row = { name: string; n: number | null; at?: Date };
const columns: Column<Row>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '数量', value: (r) => r.n },
  { header: '时间', value: (r) => r.at },
];

async function written(format: 'xlsx' | 'csv', pages: Row[][], sheetRows?: number): Promise<{ buf: Buffer; n: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const n = await writeExport(out, format, '测试导出', columns, pages, { sheetRows });
  return { buf: Buffer.concat(chunks), n };
}

describe('export files (lib/excel.ts writeExport)', () => {
  it('csv: UTF-8 with BOM, CRLF, quoting, Beijing times, formula-like text neutralised, every row of every batch in order', async () => {
    const { buf, n } = await written('csv', [
      [
        { name: '张三', n: 1, at: new Date('2026-03-01T00:30:00Z') },
        { name: '李,四', n: null },
      ],
      [
        { name: '王"五"', n: -2 },
        { name: '=HYPERLINK("http://x")', n: 3 },
        { name: '多\n行', n: 4 },
      ],
    ]);
    expect(n).toBe(5);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8').split('\r\n')).toEqual([
      '姓名,数量,时间',
      '张三,1,2026-03-01 08:30:00',
      '"李,四",,',
      '"王""五""",-2,',
      `"'=HYPERLINK(""http://x"")",3,`,
      '"多\n行",4,',
      '',
    ]);
  });

  it('xlsx: the rows in order, continued on a next sheet with the same header past the sheet size', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ name: `第${i + 1}行`, n: i + 1 }));
    const { buf, n } = await written('xlsx', [rows.slice(0, 2), rows.slice(2)], 3);
    expect(n).toBe(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheets = wb.worksheets.map((ws) => {
      const values: unknown[][] = [];
      ws.eachRow((row) => values.push([row.getCell(1).value, row.getCell(2).value]));
      return { name: ws.name, values };
    });
    expect(sheets).toEqual([
      {
        name: '测试导出',
        values: [
          ['姓名', '数量'],
          ['第1行', 1],
          ['第2行', 2],
          ['第3行', 3],
        ],
      },
      {
        name: '测试导出 (2)',
        values: [
          ['姓名', '数量'],
          ['第4行', 4],
          ['第5行', 5],
        ],
      },
    ]);
  });

  it('a failing batch rejects and destroys the stream (the download or file is aborted, not cut silently)', async () => {
    const out = new PassThrough();
    out.resume();
    async function* pages() {
      yield [{ name: 'a', n: 1 }];
      throw new Error('database went away');
    }
    await expect(writeExport(out, 'csv', 't', columns, pages())).rejects.toThrow('database went away');
    expect(out.destroyed).toBe(true);
  });
});

describe('export query (lib/export.ts exportQuery)', () => {
  const q = exportQuery(z.object({ year: z.coerce.number().optional() }));
  it('takes the list filters and a format (xlsx by default), and refuses paging parameters', () => {
    expect(q.parse({ year: '2026' })).toEqual({ year: 2026, format: 'xlsx' });
    expect(q.parse({ format: 'csv' })).toEqual({ format: 'csv' });
    const paged = q.safeParse({ year: '2026', page: '1', pageSize: '20' });
    expect(paged.success).toBe(false);
    expect(paged.error?.issues[0]?.message).toBe('导出包含全部符合条件的记录，不接受分页参数');
  });
  it('refuses any other format with a Chinese message', () => {
    const bad = q.safeParse({ format: 'pdf' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('导出格式：只能是 xlsx 或 csv');
  });
});
