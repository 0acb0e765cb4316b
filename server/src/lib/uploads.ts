/**
 * Uploads: size capped, type decided by the content's magic bytes (never the extension), names sanitised.
 * Files are served back only as attachments with their sniffed type and `nosniff`.
 */
import crypto from 'node:crypto';
import type {} from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { FILE_KINDS as FILE_KIND_NAMES, type FileKind } from '@hbzsgx/domain';
import { BadRequestError } from '../errors.js';
import type { Db } from '../db/client.js';
import { files } from '../db/schema.js';
import { fieldLabel } from '../plugins/errors.js';

/** Each kind's type and extension as served (the kinds and their names are packages/domain's FILE_KINDS, which files.kind's CHECK holds). */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', ext: '.pdf' },
  doc: { mime: 'application/msword', ext: '.doc' },
  xls: { mime: 'application/vnd.ms-excel', ext: '.xls' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: '.docx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: '.xlsx' },
  csv: { mime: 'text/csv', ext: '.csv' },
  jpg: { mime: 'image/jpeg', ext: '.jpg' },
  png: { mime: 'image/png', ext: '.png' },
} as const satisfies Record<FileKind, { mime: string; ext: string }>;
export type { FileKind };
export const KIND_NAMES: Record<FileKind, string> = FILE_KIND_NAMES;

/** Text, as far as bytes tell: no NUL and no control characters other than tab, line feed, form feed and carriage return. */
function isText(buf: Buffer): boolean {
  for (const b of buf) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
  return true;
}

/**
 * The file's real type from its first bytes; OLE containers (doc/xls) are told apart by the name's extension. CSV has
 * no magic: a file is csv only when its name ends in .csv AND its bytes are text (a UTF-16 file, with its NULs, is not).
 */
export function sniff(buf: Buffer, name: string): FileKind | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'jpg';
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return ext === 'doc' ? 'doc' : ext === 'xls' ? 'xls' : null;
  }
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const names = buf.toString('latin1');
    if (names.includes('[Content_Types].xml')) {
      if (names.includes('word/')) return 'docx';
      if (names.includes('xl/')) return 'xlsx';
    }
    return null;
  }
  if (ext === 'csv' && isText(buf)) return 'csv';
  return null;
}

export function sanitizeName(name: string, kind: FileKind): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const clean = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 100);
  const stem = clean.replace(/\.[^.]*$/, '') || '文件';
  return stem + FILE_KINDS[kind].ext;
}

export interface Upload {
  buffer: Buffer;
  name: string;
  kind: FileKind;
  mime: string;
  sha256: string;
  fields: Record<string, string>;
}

/** Reads the single file of a multipart request (text fields first), checking size and type by content. */
export async function readUpload(req: FastifyRequest, opts: { maxBytes: number; allowed: FileKind[] }): Promise<Upload> {
  if (!req.isMultipart()) throw new BadRequestError('请以 multipart/form-data 上传文件', { field: 'file' });
  const part = await req.file({ limits: { fileSize: opts.maxBytes, files: 1, fields: 20, fieldSize: 4000 } });
  if (!part) throw new BadRequestError('文件：请选择要上传的文件', { field: 'file' });
  const buffer = await part.toBuffer().catch(() => null);
  if (!buffer || part.file.truncated) throw new BadRequestError(`文件：不能超过${Math.round(opts.maxBytes / 1024 / 1024)}MB`, { field: 'file' });
  if (!buffer.length) throw new BadRequestError('文件：文件是空的', { field: 'file' });
  const kind = sniff(buffer, part.filename);
  if (!kind || !opts.allowed.includes(kind)) {
    const csvHint =
      opts.allowed.includes('csv') && /\.csv$/i.test(part.filename)
        ? '；CSV 文件须为 UTF-8 或 GB18030（GBK）编码的文本，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”'
        : '';
    throw new BadRequestError(`文件：只接受 ${opts.allowed.map((k) => KIND_NAMES[k]).join('、')} 文件（按文件内容识别）${csvHint}`, {
      field: 'file',
    });
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const f = Array.isArray(v) ? v[0] : v;
    if (f && 'value' in f && typeof f.value === 'string') fields[k] = f.value;
  }
  return {
    buffer,
    kind,
    mime: FILE_KINDS[kind].mime,
    name: sanitizeName(part.filename, kind),
    sha256: crypto.createHash('sha256').update(buffer).digest('hex'),
    fields,
  };
}

/** Validates multipart text fields with a Zod schema, answering like the schema-validated routes do. */
export function parseFields<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.infer<T> {
  const r = schema.safeParse(fields);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ field: i.path.join('.'), label: fieldLabel(i.path.join('/')), message: i.message }));
    throw new BadRequestError(issues.map((i) => `${i.label}：${i.message}`).join('；'), { field: issues[0]?.field });
  }
  return r.data;
}

export function sendFile(reply: FastifyReply, f: { content: Buffer; mime: string; originalName: string; sha256: string }) {
  return reply
    .header('Content-Type', f.mime)
    .header(
      'Content-Disposition',
      `attachment; filename="download${f.originalName.slice(f.originalName.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(f.originalName)}`,
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Digest', `sha-256=${Buffer.from(f.sha256, 'hex').toString('base64')}`)
    .send(f.content);
}

/** Stores an upload as a `files` row in the caller's transaction; answers its id. */
export async function storeFile(tx: Db, up: Upload, ownerOrgId: number, uploadedBy: number): Promise<number> {
  const [f] = await tx
    .insert(files)
    .values({
      sha256: up.sha256,
      size: up.buffer.length,
      kind: up.kind,
      mime: up.mime,
      originalName: up.name,
      content: up.buffer,
      ownerOrgId,
      uploadedBy,
    })
    .returning({ id: files.id });
  return f!.id;
}
