/**
 * Spreadsheets behind this one module (STACK-NOTES). WRITING (list exports, templates, 失败数据) uses ExcelJS.
 * READING users' files uses SheetJS (`@e965/xlsx`, chosen by measurement: docs/decisions.md) — never ExcelJS, whose
 * streaming reader turns Chinese characters that straddle its 16 KB chunks into U+FFFD (exceljs#2063, #2084, #2316).
 * Uploads may be xlsx, xls (BIFF, what WPS and older Excel save) or csv (UTF-8 with or without BOM, else GB18030).
 *
 * An xlsx is a zip: its entries are inflated here, with a hard cap on the bytes that ACTUALLY inflate (the sizes in
 * the headers are a claim, not a bound), and the reader only ever sees that bounded data, re-packed as a stored zip.
 * Parsing runs in a worker thread, so a 100,000-row file does not stall the event loop for seconds; rows come back
 * in batches. Every cell is normalised once, by `cellValue()`, to string | number | boolean | Date | null.
 */
import { createRequire } from 'node:module';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { crc32, createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { beijingDateTime } from '@hbzsgx/domain';

export interface Column<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | Date | null | undefined;
  /** text format ('@'): ID numbers stay text when edited */ text?: boolean;
}

/** Rows of an export that is not read batch by batch (lib/export.ts exportRows: the rows are already in memory). */
export const MAX_EXPORT_ROWS = 50_000;

export async function xlsxBuffer<T>(sheet: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '湖北省专业技术人员继续教育公共服务平台';
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
  });
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function attachmentName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 100);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv; charset=utf-8';
export type ExportFormat = 'xlsx' | 'csv';

/** The rows of one sheet an xlsx may hold (1,048,576 with the header): beyond, the export continues on a next sheet. */
export const XLSX_SHEET_ROWS = 1_048_575;

/**
 * Writes an export's rows to `out` as they come, in either format, so memory does not grow with the rows:
 *   xlsx — ExcelJS's streaming writer (inline strings, each row committed to the zip as it is added; bench/
 *          export-memory.bench.ts: 49,484 rows × 12 Chinese columns peak at ~130 MB instead of ~1.3 GB in memory);
 *          past XLSX_SHEET_ROWS rows a next sheet ("标题 (2)") with the same header;
 *   csv  — UTF-8 with a BOM (Excel then reads Chinese correctly), CRLF lines, RFC 4180 quoting; a text cell that
 *          starts like a formula (= + - @) is prefixed with ' so that a spreadsheet shows it instead of running it;
 *          times as Beijing 'YYYY-MM-DD HH:mm:ss'. Writes wait for the stream's drain (backpressure).
 * `pages` yields the rows in batches (an export reads its list batch by batch); resolves with the number of rows once
 * `out` has everything (the caller ends nothing itself). A failure rejects, and `out` is destroyed with it.
 */
export async function writeExport<T>(
  out: Writable,
  format: ExportFormat,
  title: string,
  columns: Column<T>[],
  pages: AsyncIterable<T[]> | Iterable<T[]>,
  opts: { sheetRows?: number } = {},
): Promise<number> {
  const sheetRows = opts.sheetRows ?? XLSX_SHEET_ROWS;
  let n = 0;
  // a write error of `out` (disk full, client gone) ends the export instead of leaving it waiting for a drain
  let failed: Error | null = null;
  out.on('error', (e) => (failed ??= e));
  const check = () => {
    if (failed) throw failed;
  };
  try {
    if (format === 'csv') {
      const put = async (text: string) => {
        check();
        if (out.write(text)) return;
        await new Promise<void>((resolve, reject) => {
          const done = (e?: Error) => {
            out.off('drain', done);
            out.off('error', done);
            if (e) reject(e);
            else resolve();
          };
          out.on('drain', done);
          out.on('error', done);
        });
      };
      await put('\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n');
      for await (const rows of pages) {
        let chunk = '';
        for (const r of rows) chunk += columns.map((c) => csvCell(c.value(r))).join(',') + '\r\n';
        n += rows.length;
        await put(chunk);
      }
      out.end();
      await finished(out, { readable: false });
      return n;
    }
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '湖北省专业技术人员继续教育公共服务平台';
    const sheet = (k: number) => {
      const name = k === 1 ? title.slice(0, 31) : `${title.slice(0, 25)} (${k})`;
      const ws = wb.addWorksheet(name);
      ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 18, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
      ws.getRow(1).font = { bold: true };
      return ws;
    };
    let sheets = 1;
    let ws = sheet(1);
    let inSheet = 0;
    for await (const rows of pages) {
      check();
      for (const r of rows) {
        if (inSheet === sheetRows) {
          ws.commit();
          ws = sheet(++sheets);
          inSheet = 0;
        }
        ws.addRow(columns.map((c) => c.value(r) ?? '')).commit();
        inSheet++;
      }
      n += rows.length;
    }
    ws.commit();
    await wb.commit();
    await finished(out, { readable: false });
    return n;
  } catch (e) {
    out.destroy(e instanceof Error ? e : new Error('export failed'));
    throw e;
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;
function csvCell(v: string | number | Date | null | undefined): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : beijingDateTime(v)) : String(v);
  if (!(v instanceof Date) && s.length > 1 && FORMULA_START.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The download headers of an export file: its type, the (Chinese) file name, no sniffing. */
export function exportHeaders(reply: FastifyReply, filename: string, format: ExportFormat) {
  const safe = attachmentName(filename) + '.' + format;
  return reply
    .header('Content-Type', format === 'csv' ? CSV_TYPE : XLSX_TYPE)
    .header('Content-Disposition', `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(safe)}`)
    .header('X-Content-Type-Options', 'nosniff');
}

/**
 * Sends an export as it is written (writeExport into the response); a failure after the headers went out aborts the
 * download, which the browser reports.
 */
export function streamExport<T>(
  reply: FastifyReply,
  filename: string,
  columns: Column<T>[],
  pages: AsyncIterable<T[]> | Iterable<T[]>,
  format: ExportFormat = 'xlsx',
) {
  const out = new PassThrough();
  writeExport(out, format, filename, columns, pages).catch((e: unknown) => reply.log.error({ err: e }, 'export aborted'));
  return exportHeaders(reply, filename, format).send(out);
}

/** A small sheet (statistics, sessions, one class's scores) built in memory and sent whole. */
export async function sendXlsx<T>(reply: FastifyReply, filename: string, columns: Column<T>[], rows: T[]) {
  const buf = await xlsxBuffer(filename, columns, rows);
  return exportHeaders(reply, filename, 'xlsx').send(buf);
}

/** A template: text-formatted columns, drop-downs from a hidden sheet (not inline lists). */
export async function templateBuffer(
  sheet: string,
  cols: { header: string; width?: number; text?: boolean; list?: string[] }[],
  note?: string,
): Promise<Buffer> {
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
      c.list.forEach((v, k) => {
        lists.getCell(`${letter}${k + 2}`).value = v;
      });
      for (let r = 2; r <= 1001; r++) {
        ws.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`=Lists!$${letter}$2:$${letter}$${c.list.length + 1}`] };
      }
    }
  });
  if (note) ws.getCell(`${String.fromCharCode(65 + cols.length + 1)}1`).value = note;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// Reading users' files
// ---------------------------------------------------------------------------------------------------------------

/** A cell as the import code sees it (dates are UTC midnight for date-only cells). */
export type Cell = string | number | boolean | Date | null;
export interface SheetRow {
  /** 1-based, as Excel shows it */ row: number;
  cells: Cell[];
}
export type SheetKind = 'xlsx' | 'xls' | 'csv';

/** A file that cannot be read; the message is for the user (Chinese, says what to do). */
export class SheetReadError extends Error {}

export const MAX_IMPORT_ROWS = 5000;
/** What all of an xlsx's entries may inflate to, together (a 100,000-row personnel file inflates to ~66 MB). */
export const MAX_UNCOMPRESSED = 128 * 1024 * 1024;

const TOO_BIG = '无法读取该Excel文件：解压后过大（可能是压缩炸弹），请删除多余的工作表、图片和空行后重新保存';
const BROKEN = '无法读取该文件（文件损坏或格式不受支持）：请用 Excel 或 WPS 打开后另存为 .xlsx 再上传';
const ENCRYPTED = '无法读取加密的文件：请取消文件密码后重新保存再上传';
const TOO_COMPLEX = '文件内容过多，无法读取：请删除多余的列、工作表和空行，或拆分后分批上传';

/** One cell as text, for comparisons and messages. */
export function cellText(v: Cell | undefined): string {
  if (v == null) return '';
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * THE normalisation of a SheetJS cell (rich text and hyperlinks arrive as their text, formulas as their cached
 * result, errors as their code). Self-contained on purpose: its source is also what the parsing thread runs.
 */
function cellValue(c: { t?: string; v?: unknown; w?: string } | undefined): Cell {
  if (!c || c.v == null) return null;
  switch (c.t) {
    case 's':
      return String(c.v);
    case 'n':
      return typeof c.v === 'number' && Number.isFinite(c.v) ? c.v : null;
    case 'b':
      return Boolean(c.v);
    case 'd':
      return c.v instanceof Date ? c.v : new Date(String(c.v));
    case 'e':
      return c.w ?? '#ERROR';
    default:
      return null;
  }
}

/** The file's format from its content: OLE → xls, zip → xlsx, anything else is read as csv text. */
export function sheetKind(buf: Buffer): SheetKind {
  if (buf.length >= 8 && buf.readUInt32LE(0) === 0xe011cfd0 && buf.readUInt32LE(4) === 0xe11ab1a1) return 'xls';
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  return 'csv';
}

/** CSV text: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030 (which covers GBK and GB2312). */
export function decodeCsv(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

/** The entries of a zip's central directory, or null when it is not a well-formed zip (read, never inflated). */
function zipEntries(buf: Buffer): ZipEntry[] | null {
  const from = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30);
    const e: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      flags: buf.readUInt16LE(p + 8),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    // ZIP64: sizes and offset saturated at 0xFFFFFFFF live in extra field 0x0001, in this order, when saturated
    let x = p + 46 + nameLen;
    const xEnd = Math.min(x + extraLen, buf.length);
    while (x + 4 <= xEnd) {
      const id = buf.readUInt16LE(x),
        len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const big = () => {
          const v = q + 8 <= x + 4 + len ? Number(buf.readBigUInt64LE(q)) : NaN;
          q += 8;
          return v;
        };
        if (e.uncompressed === 0xffffffff) e.uncompressed = big();
        if (e.compressed === 0xffffffff) e.compressed = big();
        if (e.localOffset === 0xffffffff) e.localOffset = big();
      }
      x += 4 + len;
    }
    if (![e.compressed, e.uncompressed, e.localOffset].every(Number.isSafeInteger)) return null;
    out.push(e);
    p += 46 + nameLen + extraLen + buf.readUInt16LE(p + 32);
  }
  return out;
}

class TooBig extends Error {}

/**
 * Inflates one entry in the libuv pool, 16 KB at a time, handing each piece to `sink` (or dropping it) and aborting
 * the moment more than `max` bytes have come out — whatever the entry's headers claimed. Answers the size.
 */
function inflateBounded(data: Buffer, max: number, sink?: (piece: Buffer) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    let n = 0;
    z.on('data', (piece: Buffer) => {
      n += piece.length;
      if (n > max) {
        z.destroy();
        reject(new TooBig());
        return;
      }
      sink?.(piece);
    });
    z.on('end', () => resolve(n));
    z.on('error', reject);
    z.end(data);
  });
}

/** Not needed to read cell values, and often the bulk of a file: left out (never inflated). */
const SKIPPED = /^(xl\/(media|embeddings|printerSettings|drawings|charts|diagrams)\/|docProps\/thumbnail)/i;

interface Part {
  name: Buffer;
  data: Buffer;
  method: number;
  size: number;
}

/**
 * The entries of an xlsx the reader needs, each measured by really inflating it (pieces dropped as they come, so
 * this costs no memory), the whole file bounded by `cap`. Throws a SheetReadError (too big, encrypted, not a zip).
 */
async function xlsxParts(buf: Buffer, cap: number): Promise<Part[]> {
  const entries = zipEntries(buf);
  if (!entries?.length) throw new SheetReadError(BROKEN);
  const parts: Part[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/') || SKIPPED.test(e.name)) continue;
    if (seen.has(e.name)) throw new SheetReadError(BROKEN); // two entries of one name: which one would a reader take?
    seen.add(e.name);
    if (e.flags & 0x41) throw new SheetReadError(ENCRYPTED);
    const local = e.localOffset;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new SheetReadError(BROKEN);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + e.compressed > buf.length) throw new SheetReadError(BROKEN);
    const data = buf.subarray(start, start + e.compressed);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = await inflateBounded(data, cap - total);
      } catch (err) {
        throw new SheetReadError(err instanceof TooBig ? TOO_BIG : BROKEN);
      }
    } else throw new SheetReadError(BROKEN);
    total += size;
    if (total > cap) throw new SheetReadError(TOO_BIG);
    parts.push({ name: Buffer.from(e.name, 'utf8'), data, method: e.method, size });
  }
  return parts;
}

/** What an xlsx really inflates to (the entries a reader needs), bounded by `cap`: SheetReadError beyond it. */
export async function xlsxInflatedSize(buf: Buffer, cap = MAX_UNCOMPRESSED): Promise<number> {
  return (await xlsxParts(buf, cap)).reduce((n, p) => n + p.size, 0);
}

/**
 * The needed entries again, as a zip of stored (uncompressed) entries: the only form in which the reader gets an
 * xlsx. Inflated a second time straight into one buffer of the measured size (no second copy of the content).
 */
async function storedZip(buf: Buffer, cap = MAX_UNCOMPRESSED): Promise<Buffer> {
  const parts = await xlsxParts(buf, cap);
  const size = parts.reduce((n, it) => n + 30 + 46 + 2 * it.name.length + it.size, 22);
  const out = Buffer.alloc(size); // its own ArrayBuffer: transferred to the parsing thread, never copied
  const offsets: number[] = [],
    crcs: number[] = [];
  let p = 0;
  const header = (sig: number, central: boolean, it: Part, crc: number, offset: number) => {
    out.writeUInt32LE(sig, p);
    p += 4;
    if (central) {
      out.writeUInt16LE(20, p);
      p += 2;
    } // version made by
    out.writeUInt16LE(20, p);
    out.writeUInt16LE(0x0800, p + 2);
    out.writeUInt16LE(0, p + 4); // needed, UTF-8 names, stored
    out.writeUInt32LE(0, p + 6);
    out.writeUInt32LE(crc >>> 0, p + 10); // time/date, crc
    out.writeUInt32LE(it.size, p + 14);
    out.writeUInt32LE(it.size, p + 18);
    out.writeUInt16LE(it.name.length, p + 22);
    out.writeUInt16LE(0, p + 24);
    p += 26;
    if (central) {
      out.fill(0, p, p + 10);
      out.writeUInt32LE(offset, p + 10);
      p += 14;
    } // comment, disk, attributes; offset
    it.name.copy(out, p);
    p += it.name.length;
  };
  for (const it of parts) {
    const at = p;
    p += 30 + it.name.length;
    const from = p;
    if (it.method === 0) it.data.copy(out, p);
    else {
      let q = p;
      const n = await inflateBounded(it.data, it.size, (piece) => {
        piece.copy(out, q);
        q += piece.length;
      }).catch(() => -1);
      if (n !== it.size) throw new SheetReadError(BROKEN);
    }
    const crc = crc32(out.subarray(from, from + it.size));
    p = at;
    header(0x04034b50, false, it, crc, 0);
    p += it.size;
    offsets.push(at);
    crcs.push(crc);
  }
  const cd = p;
  parts.forEach((it, i) => header(0x02014b50, true, it, crcs[i]!, offsets[i]!));
  out.writeUInt32LE(0x06054b50, p);
  out.writeUInt16LE(0, p + 4);
  out.writeUInt16LE(0, p + 6);
  out.writeUInt16LE(parts.length, p + 8);
  out.writeUInt16LE(parts.length, p + 10);
  out.writeUInt32LE(p - cd, p + 12);
  out.writeUInt32LE(cd, p + 16);
  out.writeUInt16LE(0, p + 20);
  return out;
}

/** What the parsing thread is given: bounded bytes (or decoded text) and the reader's options. */
async function readerInput(buf: Buffer, limit?: number): Promise<{ input: Buffer | string; opts: Record<string, unknown>; transfer: ArrayBuffer[] }> {
  const opts: Record<string, unknown> = {
    dense: true,
    cellDates: true,
    cellHTML: false,
    cellText: false,
    cellStyles: false,
    sheets: 0,
    ...(limit ? { sheetRows: limit } : {}),
  };
  switch (sheetKind(buf)) {
    case 'xlsx': {
      const zip = await storedZip(buf);
      return { input: zip, opts: { ...opts, type: 'buffer' }, transfer: [zip.buffer as ArrayBuffer] };
    }
    case 'xls':
      return { input: buf, opts: { ...opts, type: 'buffer' }, transfer: [] }; // OLE is not compressed: bounded by the upload cap
    case 'csv':
      return { input: decodeCsv(buf), opts: { ...opts, type: 'string', raw: true }, transfer: [] }; // raw: every cell stays text
  }
}

const requireHere = createRequire(import.meta.url);
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const XLSX = require(workerData.sheetjs);
XLSX.set_cptable(require(workerData.cptable)); // BIFF5 and other legacy files in code page 936 (GBK)
const cellValue = ${cellValue.toString()};
let data = [], at = 0;
parentPort.on('message', (m) => {
  try {
    if (m.input !== undefined) {
      const wb = XLSX.read(m.input, m.opts);
      const ws = wb.Sheets[wb.SheetNames[0]];
      data = (ws && ws['!data']) || [];
      at = 0;
      parentPort.postMessage({ ok: true });
      return;
    }
    const rows = [];
    while (rows.length < m.next && at < data.length) {
      const r = data[at];
      data[at++] = undefined; // handed over: the thread lets go of what the caller holds
      if (r && r.length) rows.push({ row: at, cells: Array.from(r, cellValue) });
    }
    parentPort.postMessage({ rows, done: at >= data.length });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
`;
/** The parsing thread's heap: 1.5× what a 100,000-row personnel file needs (~250 MB), far below what would endanger the server. */
const THREAD_HEAP_MB = 384;
const THREAD_TIMEOUT_MS = 120_000;
const BATCH = 1000;

/** One parse in its own thread; `ask` sends a message and waits for the answer (or the thread's death). */
function parsingThread() {
  const w = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { sheetjs: requireHere.resolve('@e965/xlsx'), cptable: requireHere.resolve('@e965/xlsx/dist/cpexcel.js') },
    resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    stdout: false,
    stderr: false,
  });
  w.unref();
  let dead: Error | null = null;
  let pending: { resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void } | null = null;
  const die = (e: Error) => {
    dead ??= e;
    pending?.reject(dead);
    pending = null;
  };
  w.on('message', (m: Record<string, unknown>) => {
    const p = pending;
    pending = null;
    p?.resolve(m);
  });
  w.on('error', (e: Error & { code?: string }) => die(new SheetReadError(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? TOO_COMPLEX : BROKEN)));
  w.on('exit', () => die(new SheetReadError(BROKEN)));
  return {
    async ask(msg: unknown, transfer: ArrayBuffer[] = []): Promise<Record<string, unknown>> {
      if (dead) throw dead;
      const answer = new Promise<Record<string, unknown>>((resolve, reject) => {
        pending = { resolve, reject };
      });
      const timer = setTimeout(() => {
        die(new SheetReadError('读取文件超时：文件过于复杂，请另存为 .xlsx 或拆分后重新上传'));
        void w.terminate();
      }, THREAD_TIMEOUT_MS);
      w.postMessage(msg, transfer);
      try {
        const m = await answer;
        if (typeof m.error === 'string') throw new SheetReadError(/password|encrypt/i.test(m.error) ? ENCRYPTED : BROKEN);
        return m;
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => w.terminate(),
  };
}

/**
 * The rows of the first worksheet (in the workbook's order), read in a worker thread and handed over in batches;
 * entirely empty rows are left out. `limit` reads only the first rows (a header check). Throws SheetReadError.
 */
export async function* streamRows(buf: Buffer, opts: { limit?: number } = {}): AsyncGenerator<SheetRow> {
  const { input, opts: readOpts, transfer } = await readerInput(buf, opts.limit);
  const thread = parsingThread();
  try {
    await thread.ask({ input, opts: readOpts }, transfer);
    for (;;) {
      const m = await thread.ask({ next: BATCH });
      for (const r of m.rows as SheetRow[]) yield r;
      if (m.done) return;
    }
  } finally {
    await thread.close();
  }
}

/** All rows of a small file's first worksheet (see streamRows). */
export async function readSheet(buf: Buffer): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const r of streamRows(buf)) rows.push(r);
  return rows;
}

/** The checks an upload passes before it is stored: an xlsx must inflate within the cap (SheetReadError if not). */
export async function checkSpreadsheet(buf: Buffer): Promise<void> {
  if (sheetKind(buf) === 'xlsx') await xlsxInflatedSize(buf);
}

/**
 * An upper bound of the first worksheet's rows without parsing: the <row> elements of xl/worksheets/sheet1.xml
 * (inflated under the same cap; empty rows count too) or a csv's lines; null when the file is laid out otherwise
 * or is an xls (then count by reading).
 */
export async function sheetRowCount(buf: Buffer): Promise<number | null> {
  const kind = sheetKind(buf);
  if (kind === 'csv') {
    const text = decodeCsv(buf);
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return n + (text.length && !text.endsWith('\n') ? 1 : 0);
  }
  if (kind !== 'xlsx') return null;
  const sheet = zipEntries(buf)?.find((e) => e.name === 'xl/worksheets/sheet1.xml');
  if (!sheet) return null;
  const local = sheet.localOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, start + sheet.compressed);
  // '<row ', '<row>', '<row/>' (not '<rowBreaks'), counted piece by piece; a match cut by a piece boundary is
  // counted in the next piece, which starts with the previous one's last 4 bytes
  let count = 0,
    tail = Buffer.alloc(0);
  const scan = (piece: Buffer) => {
    const b = tail.length ? Buffer.concat([tail, piece]) : piece;
    for (let i = b.indexOf('<row'); i >= 0 && i + 4 < b.length; i = b.indexOf('<row', i + 4)) {
      const next = b[i + 4];
      if (next === 0x20 || next === 0x3e || next === 0x2f) count++;
    }
    tail = Buffer.from(b.subarray(Math.max(0, b.length - 4)));
  };
  try {
    if (sheet.method === 0) scan(data);
    else if (sheet.method === 8) await inflateBounded(data, MAX_UNCOMPRESSED, scan);
    else return null;
  } catch {
    return null;
  }
  return count;
}
