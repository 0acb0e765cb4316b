/**
 * 批量导入专技人员: the template's columns, in order. The header of an uploaded file must match them (the asterisk
 * marking a required column is optional); the 失败数据 file repeats them so that it can be corrected and re-imported.
 */
import { EDUCATION_LEVELS, GENDERS, ID_TYPES, TITLE_LEVELS, TITLE_SERIES } from '@hbzsgx/domain';
import { templateBuffer } from '../../../lib/excel.js';

export const IMPORT_KIND = 'personnel';

export const COLUMNS = [
  { key: 'name', header: '姓名*', width: 12 },
  { key: 'idType', header: '证件类型', width: 26, list: Object.values(ID_TYPES) },
  { key: 'idNumber', header: '证件号*', width: 24, text: true },
  { key: 'gender', header: '性别', width: 8, list: Object.values(GENDERS) },
  { key: 'birthDate', header: '出生日期', width: 14 },
  { key: 'phone', header: '手机号', width: 16, text: true },
  { key: 'creditCode', header: '所在单位统一社会信用代码*', width: 28, text: true },
  { key: 'department', header: '内设部门', width: 14 },
  { key: 'titleSeries', header: '职称系列*', width: 20, list: TITLE_SERIES.map((s) => s.name) },
  { key: 'titleLevel', header: '职称级别*', width: 12, list: Object.values(TITLE_LEVELS) },
  { key: 'titleName', header: '职称名称', width: 16 },
  { key: 'titleDate', header: '取得职称时间', width: 14 },
  { key: 'education', header: '学历', width: 14, list: Object.values(EDUCATION_LEVELS) },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const HEADERS = COLUMNS.map((c) => c.header);
export const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key);

const bare = (h: string) => h.replace(/[\s*＊]/g, '');

/** null when the header row matches the template, else the message that fails the whole job. */
export function headerProblem(cells: string[]): string | null {
  const ok = COLUMNS.every((c, i) => bare(cells[i] ?? '') === bare(c.header));
  return ok ? null : `表头与模板不一致：第一行应依次为“${HEADERS.join('、')}”，请下载最新模板填写`;
}

export const TEMPLATE_NOTE =
  '说明：带*的列必填；证件号、手机号、统一社会信用代码请保持文本格式；证件类型不填视为居民身份证；居民身份证的性别和出生日期以证件号为准，可不填；' +
  '日期填写为 2020-09-01、2020/9/1 或 2020.09.01；所在单位须为本辖区已注册的用人单位、主管部门或继续教育基地；' +
  '内设部门须是该单位已有的部门；已在平台注册的人员不会重复导入（请使用人员调转变更其单位）。';

export function personnelTemplate(): Promise<Buffer> {
  return templateBuffer(
    '专技人员',
    COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      text: 'text' in c ? c.text : undefined,
      list: 'list' in c ? [...c.list] : undefined,
    })),
    TEMPLATE_NOTE,
  );
}
