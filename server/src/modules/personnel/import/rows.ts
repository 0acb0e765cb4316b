/**
 * One row of the personnel import, checked without the database: required fields, 证件号 (GB 11643 checksum after
 * full-width digits and stray spaces are normalised), dictionary values, dates (Excel date cells or text
 * yyyy-mm-dd, yyyy/m/d, yyyy.mm.dd). Every problem of a row is reported, joined by '；'.
 * What needs the database (employer, department, existing person, duplicates) is checked by chunk.ts.
 */
import {
  checkCreditCode,
  checkIdNumber,
  deriveFromIdNumber,
  EDUCATION_LEVELS,
  GENDERS,
  ID_TYPES,
  normalizeIdNumber,
  TITLE_LEVELS,
  TITLE_SERIES,
  type IdType,
  type TitleLevel,
} from '@hbzsgx/domain';
import { cellText, type Cell } from '../../../lib/excel.js';
import { col, COLUMNS, type ColumnKey } from './columns.js';

export interface ParsedRow {
  name: string;
  idType: IdType;
  idNumber: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  phone: string | null;
  creditCode: string;
  department: string | null;
  titleSeries: string;
  titleLevel: TitleLevel;
  titleName: string | null;
  titleDate: string | null;
  education: string | null;
}

export type RowCheck = { ok: true; value: ParsedRow } | { ok: false; reason: string };

const byValue = <K extends string>(dict: Record<K, string>) => new Map(Object.entries(dict).map(([k, v]) => [v as string, k as K]));
const ID_TYPE_BY_NAME = byValue(ID_TYPES);
const GENDER_BY_NAME = byValue(GENDERS);
const LEVEL_BY_NAME = byValue(TITLE_LEVELS);
const EDUCATION_BY_NAME = byValue(EDUCATION_LEVELS);
const SERIES_BY_NAME = new Map(
  TITLE_SERIES.flatMap(
    (s) =>
      [
        [s.name, s],
        [s.code, s],
      ] as const,
  ),
);

/** Full-width ASCII (０-９, Ａ-Ｚ, －, ／, …) and the ideographic space to half-width. */
export function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The cells as the user sees them (the 失败数据 file repeats them), one per template column. */
export function rowTexts(cells: Cell[]): string[] {
  return COLUMNS.map((_, i) => cellText(cells[i] ?? null));
}

export const isEmptyRow = (cells: Cell[]) => rowTexts(cells).every((t) => t === '');

const label = (key: ColumnKey) => COLUMNS[col(key)]!.header.replace('*', '');

function idTypeOf(text: string): IdType | null {
  const t = text.replace(/\s+/g, '');
  return t ? (ID_TYPE_BY_NAME.get(t) ?? null) : 'resident';
}

/** The row's 证件号 if it is valid (used for duplicates inside the file, also when resuming a job). */
export function rowIdentity(cells: Cell[]): { idType: IdType; idNumber: string } | null {
  const raw = cells[col('idNumber')];
  if (typeof raw === 'number') return null;
  const idType = idTypeOf(halfWidth(cellText(cells[col('idType')] ?? null)));
  if (!idType) return null;
  const id = checkIdNumber(idType, cellText(raw ?? null));
  return id.ok ? { idType, idNumber: id.value } : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date cell as YYYY-MM-DD: an Excel date (a Date, or a serial number when the cell has no date format), or text
 * 2020-09-01, 2020/9/1, 2020.09.01, 2020年9月1日, 20200901. '' when empty, null when not a date.
 */
export function parseDate(v: Cell | undefined): string | null {
  if (v == null || v === '') return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 21001231) return realDate(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    if (v > 0 && v < 80000) return new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10); // 1900 date system
    return null;
  }
  const t = halfWidth(cellText(v)).replace(/\s+/g, '');
  if (!t) return '';
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(t);
  if (!m) return null;
  return realDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
}

/** Checks one non-empty row; `today` is YYYY-MM-DD (Beijing). */
export function parseRow(cells: Cell[], today: string): RowCheck {
  const errors: string[] = [];
  const fail = (key: ColumnKey, why: string) => {
    errors.push(`${label(key)}：${why}`);
  };
  const text = (key: ColumnKey) => halfWidth(cellText(cells[col(key)] ?? null)).trim();

  // 姓名: Chinese names lose stray spaces; other names keep single spaces
  let name = text('name').replace(/\s+/g, ' ');
  if (/[\u4e00-\u9fa5]/.test(name)) name = name.replace(/ /g, '');
  if (!name) fail('name', '不能为空');
  else if (name.length < 2) fail('name', '至少2个字符');
  else if (name.length > 50) fail('name', '不能超过50个字符');

  const idType = idTypeOf(text('idType'));
  if (!idType) fail('idType', `应为${Object.values(ID_TYPES).join('、')}之一`);
  const rawId = cells[col('idNumber')];
  let idNumber = '';
  if (typeof rawId === 'number') fail('idNumber', '须为文本格式（数字格式会丢失位数），请将该列设为文本后重新填写');
  else if (!normalizeIdNumber(cellText(rawId ?? null))) fail('idNumber', '不能为空');
  else if (idType) {
    const id = checkIdNumber(idType, cellText(rawId ?? null));
    if (id.ok) idNumber = id.value;
    else fail('idNumber', id.reason);
  }
  const derived = idType && idNumber ? deriveFromIdNumber(idType, idNumber) : null;

  const genderText = text('gender');
  let gender: ParsedRow['gender'] = null;
  if (genderText) {
    const g = GENDER_BY_NAME.get(genderText);
    if (!g) fail('gender', '应为“男”或“女”');
    else if (derived && derived.gender !== g) fail('gender', `与证件号不符（证件号显示为${GENDERS[derived.gender]}）`);
    else gender = g;
  }
  gender = derived?.gender ?? gender;

  let birthDate: string | null = null;
  const birth = parseDate(cells[col('birthDate')]);
  if (birth === null) fail('birthDate', '不是有效日期（如 1990-06-12）');
  else if (birth) {
    if (birth > today || birth < '1900-01-01') fail('birthDate', '超出合理范围');
    else if (derived && derived.birthDate !== birth) fail('birthDate', `与证件号不符（证件号显示为${derived.birthDate}）`);
    else birthDate = birth;
  }
  birthDate = derived?.birthDate ?? birthDate;

  let phone: string | null = text('phone').replace(/[\s-]+/g, '') || null;
  if (phone && !/^1[3-9]\d{9}$/.test(phone)) {
    fail('phone', '应为11位手机号码');
    phone = null;
  }

  let creditCode = '';
  const codeText = text('creditCode').replace(/\s+/g, '');
  if (!codeText) fail('creditCode', '不能为空');
  else {
    const c = checkCreditCode(codeText);
    if (c.ok) creditCode = c.value;
    else fail('creditCode', c.reason.replace(/^统一社会信用代码/, ''));
  }

  const department = text('department').replace(/\s+/g, ' ') || null;
  if (department && department.length > 100) fail('department', '不能超过100个字符');

  const seriesText = text('titleSeries').replace(/\s+/g, '');
  const series = SERIES_BY_NAME.get(seriesText);
  if (!seriesText) fail('titleSeries', '不能为空');
  else if (!series) fail('titleSeries', `“${seriesText}”不是有效的职称系列，请从下拉列表中选择`);
  const levelText = text('titleLevel').replace(/\s+/g, '');
  const level = LEVEL_BY_NAME.get(levelText) ?? (levelText in TITLE_LEVELS ? (levelText as TitleLevel) : undefined);
  if (!levelText) fail('titleLevel', '不能为空');
  else if (!level) fail('titleLevel', `应为${Object.values(TITLE_LEVELS).join('、')}之一`);
  else if (series && !series.levels.includes(level)) fail('titleLevel', `${series.name}系列没有${TITLE_LEVELS[level]}`);

  const titleName = text('titleName') || null;
  if (titleName && titleName.length > 50) fail('titleName', '不能超过50个字符');

  let titleDate: string | null = null;
  const td = parseDate(cells[col('titleDate')]);
  if (td === null) fail('titleDate', '不是有效日期（如 2020-09-01）');
  else if (td) {
    if (td > today || td < '1950-01-01') fail('titleDate', '超出合理范围（不能晚于今天）');
    else titleDate = td;
  }

  const eduText = text('education').replace(/\s+/g, '');
  const education = eduText ? (EDUCATION_BY_NAME.get(eduText) ?? null) : null;
  if (eduText && !education) fail('education', `应为${Object.values(EDUCATION_LEVELS).join('、')}之一`);

  if (errors.length) return { ok: false, reason: errors.join('；') };
  return {
    ok: true,
    value: {
      name,
      idType: idType!,
      idNumber,
      gender,
      birthDate,
      phone,
      creditCode,
      department,
      titleSeries: series!.code,
      titleLevel: level!,
      titleName,
      titleDate,
      education,
    },
  };
}
