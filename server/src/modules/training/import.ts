/**
 * 学员成绩 Excel 导入 (xlsx, xls or csv): template, row-by-row registration, failed rows kept as a downloadable 失败数据
 * xlsx. That file is stored once and may be downloaded by any score manager of the base, so its 证件号 are masked
 * (the row numbers and reasons are what is needed to correct the source file).
 */
import { createHash } from 'node:crypto';
import { ID_TYPES, maskIdNumber, normalizeIdNumber, type IdType } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { files } from '../../db/schema.js';
import { AppError, BadRequestError } from '../../errors.js';
import { cellText, MAX_IMPORT_ROWS, readSheet, SheetReadError, templateBuffer, xlsxBuffer, type SheetRow } from '../../lib/excel.js';
import type { Upload } from '../../lib/uploads.js';
import { registerScore } from './service.js';

export const SCORE_HEADERS = ['证件类型', '证件号', '姓名', '成绩', '是否合格'] as const;
const ID_TYPE_BY_NAME = Object.fromEntries(Object.entries(ID_TYPES).map(([k, v]) => [v, k])) as Record<string, IdType>;

export function scoreTemplate() {
  return templateBuffer(
    '学员成绩',
    [
      { header: '证件类型', width: 26, list: Object.values(ID_TYPES) },
      { header: '证件号', width: 24, text: true },
      { header: '姓名', width: 12, text: true },
      { header: '成绩', width: 10, text: true },
      { header: '是否合格', width: 10, list: ['是', '否'] },
    ],
    '说明：证件号列请保持文本格式；是否合格填“是”或“否”。',
  );
}

export interface ImportResult {
  total: number;
  imported: number;
  flagged: number;
  failed: { row: number; idNumberMasked: string; name: string; reason: string }[];
  failedFileId: number | null;
}

export const MAX_SCORE_FILE_BYTES = 5 * 1024 * 1024;

/** Imports an uploaded 学员成绩 file (read by the route with readUpload). */
export async function importScores(ctx: ServiceContext, classId: number, up: Upload): Promise<ImportResult> {
  const { actor } = ctx;
  let rows: SheetRow[];
  try {
    rows = await readSheet(up.buffer);
  } catch (e) {
    if (e instanceof SheetReadError) throw new BadRequestError(`文件：${e.message}`, { field: 'file' });
    throw e;
  }
  const [first, ...data] = rows;
  const header = SCORE_HEADERS.map((_, i) => (first?.row === 1 ? cellText(first.cells[i]) : ''));
  if (header.join('|') !== SCORE_HEADERS.join('|')) {
    throw new BadRequestError(`文件：表头应为“${SCORE_HEADERS.join('、')}”，请下载模板填写`, { field: 'file' });
  }
  const values = (r: SheetRow) => SCORE_HEADERS.map((_, i) => cellText(r.cells[i]));
  if (data.filter((r) => values(r).some((v) => v !== '')).length > MAX_IMPORT_ROWS)
    throw new BadRequestError(`文件：一次最多导入${MAX_IMPORT_ROWS}行`, { field: 'file' });

  const result: ImportResult = { total: 0, imported: 0, flagged: 0, failed: [], failedFileId: null };
  const failedRows: { values: string[]; reason: string; row: number }[] = [];
  /** The row that registered each 证件号 of the file: a later row of the same person is refused, naming it. */
  const firstRow = new Map<string, number>();
  for (const { row: r, cells } of data) {
    const rawId = cells[1];
    const values = SCORE_HEADERS.map((_, i) => cellText(cells[i]));
    if (values.every((v) => v === '')) continue; // empty rows are skipped
    result.total++;
    const fail = (reason: string) => {
      result.failed.push({ row: r, idNumberMasked: maskIdNumber(values[1]), name: values[2] ?? '', reason });
      failedRows.push({ values: values.map((v, i) => (i === 1 ? maskIdNumber(v) : v)), reason, row: r });
    };
    if (typeof rawId === 'number') {
      fail('证件号：须为文本格式（数字格式会丢失位数）');
      continue;
    }
    const idType = values[0] ? ID_TYPE_BY_NAME[values[0]] : 'resident';
    if (!idType) {
      fail('证件类型：不是有效的证件类型');
      continue;
    }
    if (values[4] !== '是' && values[4] !== '否') {
      fail('是否合格：请填写“是”或“否”');
      continue;
    }
    const key = `${idType}:${normalizeIdNumber(values[1] ?? '')}`;
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      fail(`证件号：与第${earlier}行重复，同一学员在一个培训班只能登记一次`);
      continue;
    }
    try {
      const done = await registerScore(ctx, classId, {
        idType,
        idNumber: values[1] ?? '',
        name: values[2] || undefined,
        score: values[3] ?? '',
        qualified: values[4] === '是',
      });
      result.imported++;
      firstRow.set(key, r);
      if (done.flagged) result.flagged++;
    } catch (e) {
      // class-level refusals (not approved, year closed) stop the whole import; row problems are reported per row
      // (a learner already registered is a row's problem: 该学员已登记)
      const classLevel = e instanceof AppError && e.statusCode === 409 && e.code !== 'DUPLICATE_LEARNER';
      if (classLevel && result.imported === 0 && result.failed.length === 0) throw e;
      if (e instanceof AppError && e.statusCode < 500) fail(e.message);
      else throw e;
    }
  }
  if (failedRows.length) {
    type F = (typeof failedRows)[number];
    const buf = await xlsxBuffer(
      '失败数据',
      [
        ...SCORE_HEADERS.map((h, i) => ({ header: h, width: i === 1 ? 24 : 14, value: (x: F) => x.values[i] })),
        { header: '失败原因', width: 50, value: (x: F) => x.reason },
        { header: '原行号', width: 8, value: (x: F) => x.row },
      ],
      failedRows,
    );
    const [f] = await ctx.db
      .insert(files)
      .values({
        sha256: createHash('sha256').update(buf).digest('hex'),
        size: buf.length,
        kind: 'xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        originalName: '学员成绩导入失败数据.xlsx',
        content: buf,
        ownerOrgId: actor.org.id,
        uploadedBy: actor.userId,
      })
      .returning({ id: files.id });
    result.failedFileId = f!.id;
  }
  await ctx.audit({
    action: 'import',
    targetType: 'scores',
    targetId: classId,
    detail: { total: result.total, imported: result.imported, failed: result.failed.length },
  });
  return result;
}
