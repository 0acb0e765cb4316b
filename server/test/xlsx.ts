/** Reading an exported xlsx in API tests: the first sheet as rows of cell texts (header row first). */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { cellText } from '../src/lib/excel.js';
import type { Res } from './harness.js';

export async function readXlsx(res: Res): Promise<string[][]> {
  expect(res.status, typeof res.body === 'object' ? JSON.stringify(res.body) : '').toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) cells.push(cellText(row.getCell(i).value));
    rows.push(cells);
  });
  return rows;
}

/** The values of the column headed `header` (data rows only). */
export function column(rows: string[][], header: string): string[] {
  const i = rows[0]!.indexOf(header);
  expect(i, `column ${header} in ${rows[0]!.join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i]!);
}
