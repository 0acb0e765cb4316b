/** Row checks of the personnel import that need no database: normalisation, dates, dictionaries, every reason. */
import { describe, expect, it } from 'vitest';
import { makeCreditCode, makeIdNumber } from '../../../db/seed/codes.js';
import { HEADERS, headerProblem } from './columns.js';
import { halfWidth, parseDate, parseRow, rowIdentity } from './rows.js';

const TODAY = '2026-05-01';
const CODE = makeCreditCode('91', '420102', 'rows-test');
const row = (over: Record<number, unknown> = {}) => {
  const base: unknown[] = ['王小明', '', makeIdNumber('420102', '19880516', 11), '', '', '', CODE, '', '中小学教师', '中级', '', '', ''];
  for (const [i, v] of Object.entries(over)) base[Number(i)] = v;
  return base as Parameters<typeof parseRow>[0];
};

describe('dates', () => {
  it('reads Excel date cells, serial numbers and the three text forms; refuses impossible dates', () => {
    expect(parseDate(new Date(Date.UTC(2020, 8, 1)))).toBe('2020-09-01');
    expect(parseDate(44075)).toBe('2020-09-01'); // a date cell without its format
    expect(parseDate('2020-09-01')).toBe('2020-09-01');
    expect(parseDate('2020/9/1')).toBe('2020-09-01');
    expect(parseDate('2020.09.01')).toBe('2020-09-01');
    expect(parseDate('２０２０年９月１日')).toBe('2020-09-01');
    expect(parseDate(' 20200901 ')).toBe('2020-09-01');
    expect(parseDate('')).toBe('');
    expect(parseDate(undefined)).toBe('');
    for (const bad of ['2020-02-30', '2020/13/1', '去年', '2020-9', '01/09/2020']) expect(parseDate(bad), bad).toBeNull();
  });
});

describe('parseRow', () => {
  it('normalises full-width digits, stray spaces and lower-case x', () => {
    const id = makeIdNumber('420102', '19900101', 7);
    expect(halfWidth('４２０１')).toBe('4201');
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const r = parseRow(
      row({ 0: ' 王 小明 ', 2: ` ${fullWidth.slice(0, 8)} ${fullWidth.slice(8)}　`.toLowerCase(), 6: ` ${CODE.toLowerCase()} ` }),
      TODAY,
    );
    expect(r).toMatchObject({ ok: true, value: { name: '王小明', idNumber: id, idType: 'resident' } });
    expect(rowIdentity(row({ 2: ` ${id.slice(0, 6)} ${id.slice(6)} ` }))).toEqual({ idType: 'resident', idNumber: id });
  });

  it('derives gender and birth date from a resident ID, checks given ones against it', () => {
    const id = makeIdNumber('420102', '19880516', 11);
    const ok = parseRow(row({ 4: '1988/5/16' }), TODAY);
    expect(ok.ok && ok.value.birthDate).toBe('1988-05-16');
    const wrong = parseRow(row({ 4: '1988-05-17' }), TODAY);
    expect(wrong).toEqual({ ok: false, reason: '出生日期：与证件号不符（证件号显示为1988-05-16）' });
    expect(rowIdentity(row({ 2: id }))).not.toBeNull();
  });

  it('reports every problem of a row, named by its column', () => {
    const r = parseRow(['', '驾驶证', '123', '未知', '明天', '12345', 'ABC', '', '厨师', '特级', '', '2099-01-01', '幼儿园'], TODAY);
    expect(r.ok).toBe(false);
    const reasons = (r as { reason: string }).reason.split('；');
    expect(reasons.map((x) => x.split('：')[0])).toEqual([
      '姓名',
      '证件类型',
      '性别',
      '出生日期',
      '手机号',
      '所在单位统一社会信用代码',
      '职称系列',
      '职称级别',
      '取得职称时间',
      '学历',
    ]);
  });

  it('accepts codes of the dictionaries as well as their names, and refuses a level the series lacks', () => {
    expect(parseRow(row({ 8: 'GCJS', 9: 'assistant' }), TODAY)).toMatchObject({ ok: true, value: { titleSeries: 'GCJS', titleLevel: 'assistant' } });
    expect(parseRow(row({ 8: '会计', 9: '员级' }), TODAY)).toEqual({ ok: false, reason: '职称级别：会计系列没有员级' });
  });
});

describe('header', () => {
  it('matches the template with or without the asterisks, refuses anything else', () => {
    expect(headerProblem(HEADERS)).toBeNull();
    expect(headerProblem(HEADERS.map((h) => h.replace('*', '')))).toBeNull();
    expect(headerProblem(['证件号', '姓名'])).toContain('表头与模板不一致');
  });
});
