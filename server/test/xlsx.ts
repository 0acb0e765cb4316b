/** Reading an exported xlsx in API tests: the first sheet as rows of cell texts (header row first), read the way users' files are. */
import { expect } from 'vitest';
import { cellText, readSheet } from '../src/lib/excel.js';
import type { Res } from './harness.js';

export async function readXlsx(res: Res): Promise<string[][]> {
  expect(res.status, typeof res.body === 'object' ? JSON.stringify(res.body) : '').toBe(200);
  expect(String(res.headers['content-type'])).toContain('spreadsheetml');
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment/);
  const rows = (await readSheet(res.raw.rawPayload as Buffer)).map((r) => r.cells.map((c) => cellText(c)));
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

/** The values of the column headed `header` (data rows only). */
export function column(rows: string[][], header: string): string[] {
  const i = rows[0]!.indexOf(header);
  expect(i, `column ${header} in ${rows[0]!.join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i]!);
}

/**
 * A zip bomb shaped like an xlsx: the real parts of `real` (an xlsx), with xl/worksheets/sheet1.xml replaced by a
 * sheet padded with `inflated` bytes of one repeated character (a few hundred KB once deflated), whose central
 * directory claims `claimed` bytes uncompressed (the local header tells the truth, as in the file the audit used:
 * a streaming reader inflates it all; `lieLocally` makes the local header lie too).
 */
export async function zipBomb(real: Buffer, inflated = 600 * 1024 * 1024, claimed = 4096, lieLocally = false): Promise<Buffer> {
  const { inflateRawSync, deflateRawSync, createDeflateRaw, crc32 } = await import('node:zlib');
  const entries: { name: Buffer; data: Buffer; size: number; claim: number; crc: number }[] = [];
  // the real entries, read from the central directory
  const eocd = real.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = real.readUInt32LE(eocd + 16);
  for (let n = real.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLen = real.readUInt16LE(p + 28),
      local = real.readUInt32LE(p + 42),
      size = real.readUInt32LE(p + 20),
      method = real.readUInt16LE(p + 10);
    const name = real.subarray(p + 46, p + 46 + nameLen);
    const start = local + 30 + real.readUInt16LE(local + 26) + real.readUInt16LE(local + 28);
    const raw = real.subarray(start, start + size);
    const plain = method === 8 ? inflateRawSync(raw) : raw;
    if (name.toString() !== 'xl/worksheets/sheet1.xml')
      entries.push({ name, data: method === 8 ? raw : deflateRawSync(plain), size: plain.length, claim: plain.length, crc: crc32(plain) });
    p += 46 + nameLen + real.readUInt16LE(p + 30) + real.readUInt16LE(p + 32);
  }
  // the bomb: '<worksheet …><sheetData/>' + N spaces + '</worksheet>', deflated as a stream (never held inflated)
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>',
  );
  const tail = Buffer.from('</worksheet>');
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => z.on('end', resolve));
  let crc = crc32(head);
  z.write(head);
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = inflated; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    crc = crc32(piece, crc);
    if (!z.write(piece)) await new Promise((r) => z.once('drain', r));
  }
  crc = crc32(tail, crc);
  z.end(tail);
  await done;
  const size = head.length + inflated + tail.length;
  entries.push({ name: Buffer.from('xl/worksheets/sheet1.xml'), data: Buffer.concat(out), size: lieLocally ? claimed : size, claim: claimed, crc });
  // every entry deflated (method 8)
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.claim, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(h, e.name, e.data);
    central.push(c, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** Encodes text as GB18030: GBK's two-byte codes (code page 936) and the four-byte codes of characters beyond the BMP. */
export async function gb18030(text: string): Promise<Buffer> {
  const { utils } = (await import('@e965/xlsx/dist/cpexcel.full.mjs')) as unknown as { utils: { encode: (cp: number, s: string) => number[] } };
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x10000) {
      // GB18030 maps U+10000… linearly onto 0x90308130…
      let l = cp - 0x10000;
      const b4 = l % 10;
      l = Math.floor(l / 10);
      const b3 = l % 126;
      l = Math.floor(l / 126);
      const b2 = l % 10;
      l = Math.floor(l / 10);
      out.push(0x90 + l, 0x30 + b2, 0x81 + b3, 0x30 + b4);
    } else out.push(...utils.encode(936, ch));
  }
  const buf = Buffer.from(out);
  expect(new TextDecoder('gb18030').decode(buf), 'the GB18030 encoding round-trips').toBe(text);
  return buf;
}

/** RFC 4180 CSV (CRLF lines, fields quoted when they hold a comma, quote or line break). */
export function csvOf(rows: unknown[][]): string {
  const field = (v: unknown) => {
    const s = v == null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** An .xls (BIFF8, what WPS and older Excel save) written by SheetJS; every cell a text cell. */
export async function xlsOf(sheet: string, rows: unknown[][]): Promise<Buffer> {
  const XLSX = await import('@e965/xlsx');
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((v) => (v == null ? '' : String(v)))));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet);
  const buf = XLSX.write(wb, { bookType: 'xls', type: 'buffer' }) as Buffer;
  expect(buf.readUInt32LE(0)).toBe(0xe011cfd0); // an OLE container
  return buf;
}
