/** ExcelJS kept behind this one module (STACK-NOTES): list exports as xlsx attachments. */
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface Column<T> { header: string; width?: number; value: (row: T) => string | number | Date | null | undefined; /** text format ('@'): ID numbers stay text when edited */ text?: boolean }

export const MAX_EXPORT_ROWS = 50_000;

export async function xlsxBuffer<T>(sheet: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '湖北省专业技术人员继续教育公共服务平台';
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => { if (c.text) ws.getColumn(i + 1).numFmt = '@'; });
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function attachmentName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 100);
}

export async function sendXlsx<T>(reply: FastifyReply, filename: string, columns: Column<T>[], rows: T[]) {
  const buf = await xlsxBuffer(filename, columns, rows);
  const safe = attachmentName(filename) + '.xlsx';
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(safe)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(buf);
}

/** One cell as text, whatever ExcelJS made of it (rich text, hyperlink, formula result, date, number). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

interface ZipEntry { name: string; method: number; compressed: number; uncompressed: number; localOffset: number }

/** The entries of a zip's central directory, or null when it is not a well-formed zip (read, never inflated). */
function zipEntries(buf: Buffer): ZipEntry[] | null {
  const from = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen), method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20), uncompressed: buf.readUInt32LE(p + 24), localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** Sum of the uncompressed sizes in a zip's central directory: refuses zip bombs before parsing. */
export function zipUncompressedSize(buf: Buffer): number | null {
  const entries = zipEntries(buf);
  return entries && entries.reduce((total, e) => total + e.uncompressed, 0);
}

export const MAX_IMPORT_ROWS = 5000;
export const MAX_UNCOMPRESSED = 64 * 1024 * 1024;

/** Loads an uploaded xlsx after the size guards; answers the first worksheet. */
export async function loadSheet(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const size = zipUncompressedSize(buf);
  if (size == null || size > MAX_UNCOMPRESSED) throw new Error('ZIP_GUARD');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('NO_SHEET');
  return ws;
}

/** A template: text-formatted columns, drop-downs from a hidden sheet (not inline lists). */
export async function templateBuffer(sheet: string, cols: { header: string; width?: number; text?: boolean; list?: string[] }[], note?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  const lists = wb.addWorksheet('Lists', { state: 'veryHidden' });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.text) col.numFmt = '@';
    if (c.list) {
      const letter = String.fromCharCode(65 + i);
      c.list.forEach((v, k) => { lists.getCell(`${letter}${k + 2}`).value = v; });
      for (let r = 2; r <= 1001; r++) {
        ws.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`=Lists!$${letter}$2:$${letter}$${c.list.length + 1}`] };
      }
    }
  });
  if (note) ws.getCell(`${String.fromCharCode(65 + cols.length + 1)}1`).value = note;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Streams the first worksheet's rows of a large xlsx (imports of tens of thousands of rows) without loading the
 * workbook: shared strings and styles cached (else cells come back as string indexes and dates as serial numbers,
 * STACK-NOTES), after the zip-bomb guard. `cells[0]` is column A.
 */
export async function* streamRows(buf: Buffer): AsyncGenerator<{ row: number; cells: ExcelJS.CellValue[] }> {
  const size = zipUncompressedSize(buf);
  if (size == null || size > MAX_UNCOMPRESSED) throw new Error('ZIP_GUARD');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit',
  });
  for await (const ws of reader) {
    for await (const row of ws) yield { row: row.number, cells: (row.values as ExcelJS.CellValue[]).slice(1) };
    return; // the first worksheet only (templates keep their drop-down lists in a hidden second sheet)
  }
}

/**
 * The number of <row> elements of xl/worksheets/sheet1.xml, read straight from the zip (inflate and count: a few
 * milliseconds where a parsing pass takes seconds), or null when the file is laid out otherwise. Rows may be empty,
 * so this is an upper bound for progress bars and row caps; call it after the zip-bomb guard.
 */
export function sheetRowCount(buf: Buffer): number | null {
  const sheet = zipEntries(buf)?.find((e) => e.name === 'xl/worksheets/sheet1.xml');
  if (!sheet) return null;
  const local = sheet.localOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, start + sheet.compressed);
  let xml: Buffer;
  try {
    xml = sheet.method === 0 ? data : sheet.method === 8 ? inflateRawSync(data, { maxOutputLength: MAX_UNCOMPRESSED }) : Buffer.alloc(0);
  } catch { return null; }
  if (!xml.length) return null;
  let count = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) {
    const next = xml[i + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f) count++; // '<row ', '<row>', '<row/>' (not '<rowBreaks')
  }
  return count;
}
