import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { hourPolicies } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson, nextIdNumber } from '../../../test/fixtures.js';
import { xlsxInflatedSize } from '../../lib/excel.js';
import { csvOf, gb18030, readXlsx, xlsOf, zipBomb } from '../../../test/xlsx.js';
import { users } from '../../db/schema.js';

let ctx: TestCtx;
let base: Client;
let classId: number, empId: number;
const year = new Date().getFullYear();

async function xlsx(rows: unknown[][], header = ['证件类型', '证件号', '姓名', '成绩', '是否合格']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学员成绩');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  empId = (await newOrg(ctx, 'employer', ja.id)).id;
  base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id)).id, { isSuper: true }), 'base');
  const county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  const c = await base.post('/api/classes', {
    year,
    name: '导入测试班',
    subjectType: 'professional',
    learningForm: 'faceToFace',
    hours: 16,
    startDate: `${year}-04-01`,
    endDate: `${year}-04-02`,
    place: '武汉',
    capacity: 50,
  });
  classId = c.body.id;
  await county.post('/api/reviews/classes/decide', { ids: [classId], decision: 'approve' });
});
afterAll(async () => ctx?.close());

describe('学员成绩 Excel 导入', () => {
  it('the template has text ID cells and drop-downs from a hidden sheet', async () => {
    const r = await base.get('/api/classes/scores/template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('学员成绩')!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['证件类型', '证件号', '姓名', '成绩', '是否合格']);
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getCell('E2').dataValidation.formulae[0]).toMatch(/^=Lists!/);
    expect(wb.getWorksheet('Lists')!.state).toBe('veryHidden');
  });

  it('imports valid rows and reports every bad row with its reason; failed rows download as xlsx', async () => {
    const a = await newPerson(ctx, empId);
    const b = await newPerson(ctx, empId);
    const c = await newPerson(ctx, empId);
    const [ua] = await ctx.db
      .select()
      .from((await import('../../db/schema.js')).users)
      .where(eq((await import('../../db/schema.js')).users.id, a.userId));
    const file = await xlsx([
      ['居民身份证', a.idNumber, ua!.name, '90', '是'],
      ['居民身份证', ` ${b.idNumber.toLowerCase()} `, '', '85', '是'], // stray spaces and a lower-case x are fine
      ['居民身份证', '420102199003072914', '', '80', '是'], // bad checksum
      ['居民身份证', nextIdNumber(), '', '80', '是'], // not in the platform
      ['居民身份证', Number(a.idNumber.slice(0, 15)), '', '80', '是'], // numeric ID cell
      ['居民身份证', c.idNumber, '张冠李戴', '80', '是'], // name does not match (a again would be 与第2行重复: corrections.test.ts)
      [],
      ['居民身份证', b.idNumber, '', '70', '也许'], // bad 是否合格
    ]);
    const r = await base.upload(`/api/classes/${classId}/scores/import`, {}, { name: '成绩.xlsx', content: file });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 7, imported: 2 });
    expect(r.body.failed.map((f: { row: number }) => f.row)).toEqual([4, 5, 6, 7, 9]);
    const reasons = r.body.failed.map((f: { reason: string }) => f.reason).join('\n');
    for (const s of ['校验位', '未在平台注册', '文本格式', '姓名', '是否合格']) expect(reasons).toContain(s);
    expect(JSON.stringify(r.body.failed)).not.toContain(a.idNumber);
    const failed = await readXlsx(await base.get(`/api/imports/${r.body.failedFileId}/failed`));
    expect(failed[0]).toEqual(['证件类型', '证件号', '姓名', '成绩', '是否合格', '失败原因', '原行号']);
    expect(failed.map((f) => f[6])).toEqual(['原行号', '4', '5', '6', '7', '9']);
    // the stored file may be downloaded by any score manager of the base: 证件号 masked
    expect(failed[4]![1]).toBe(c.idNumber.slice(0, 4) + '**********' + c.idNumber.slice(-4));
    expect(failed.flat().join('|')).not.toMatch(/\d{17}[\dXx]/);
    expect((await base.get(`/api/classes/${classId}/scores`)).body.items).toHaveLength(2);
  });

  it('reads csv in GB18030 and UTF-8, and xls (what WPS and older Excel save)', async () => {
    const people = await Promise.all([0, 1, 2].map(() => newPerson(ctx, empId)));
    const names = await Promise.all(people.map(async (p) => (await ctx.db.select().from(users).where(eq(users.id, p.userId)))[0]!.name));
    const rowOf = (i: number, score: string) => ['居民身份证', people[i]!.idNumber, names[i], score, '是'];
    const header = ['证件类型', '证件号', '姓名', '成绩', '是否合格'];
    const gbk = await base.upload(
      `/api/classes/${classId}/scores/import`,
      {},
      { name: '成绩.csv', content: await gb18030(csvOf([header, rowOf(0, '91'), ['居民身份证', nextIdNumber(), '', '80', '是']])) },
    );
    expect(gbk.status, JSON.stringify(gbk.body)).toBe(200);
    expect(gbk.body).toMatchObject({ total: 2, imported: 1 });
    expect(gbk.body.failed[0].reason).toContain('未在平台注册'); // a message read back from GB18030 text
    const utf8 = await base.upload(
      `/api/classes/${classId}/scores/import`,
      {},
      { name: '成绩.csv', content: Buffer.from('\uFEFF' + csvOf([header, rowOf(1, '88')]), 'utf8') },
    );
    expect(utf8.body).toMatchObject({ total: 1, imported: 1 });
    const xls = await base.upload(
      `/api/classes/${classId}/scores/import`,
      {},
      { name: '成绩.xls', content: await xlsOf('学员成绩', [header, rowOf(2, '77')]) },
    );
    expect(xls.status, JSON.stringify(xls.body)).toBe(200);
    expect(xls.body).toMatchObject({ total: 1, imported: 1 });
  });

  it('refuses a wrong header, a non-xlsx file and a zip bomb', async () => {
    const wrong = await base.upload(`/api/classes/${classId}/scores/import`, {}, { name: 'x.xlsx', content: await xlsx([], ['姓名', '证件号']) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('表头');
    expect((await base.upload(`/api/classes/${classId}/scores/import`, {}, { name: 'x.xlsx', content: Buffer.from('%PDF-1.4') })).status).toBe(400);
    // a zip bomb is refused by what really inflates while reading: the headers claim a 4 KB sheet
    const real = await xlsx([]);
    expect(await xlsxInflatedSize(real)).toBeGreaterThan(0);
    const r = await base.upload(
      `/api/classes/${classId}/scores/import`,
      {},
      { name: 'bomb.xlsx', content: await zipBomb(real, 200 * 1024 * 1024, 4096) },
    );
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^文件：无法读取该Excel文件：解压后过大/);
  });
});
