/**
 * 批量导入 keeps every character (issue 8): files whose every text cell is Chinese — 3–4-character names (some with
 * characters beyond the BMP), long 内设部门 and 职称名称 — imported through the API as xlsx (20,000+ rows: its shared
 * strings span ~100 of the 16 KB pieces at whose edges ExcelJS's streaming reader garbled characters), csv in UTF-8
 * (with and without BOM) and in GB18030, and xls; every stored name, department and title compared with the source.
 * And zip bombs: refused by what really inflates, not by what the headers claim, with the process's memory bounded.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { deriveFromIdNumber, GENDERS } from '@hbzsgx/domain';
import { departments, files, importJobs, personnel, users } from '../../../db/schema.js';
import { insertDepartments } from '../../../db/seed/factory.js';
import { makeIdNumber } from '../../../db/seed/codes.js';
import { createTestApp, type Client, type TestCtx } from '../../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../../test/fixtures.js';
import { csvOf, gb18030, xlsOf, zipBomb } from '../../../../test/xlsx.js';
import { importWorkerOf } from '../routes.js';
import { HEADERS } from './columns.js';

let ctx: TestCtx;
let hr: Client;
let empId: number, empCode: string, hrId: number, adminUserId: number;
const worker = () => importWorkerOf(ctx.app);

// every text cell Chinese: names from common and rare characters, long department and title names
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '明华建国志伟军敏静丽强磊洋艳勇杰娟涛超秀霞平刚桂英芳燕玲红梅兰鑫淼犇骉焱垚昊旻喆頔翀珺琰瑄婧璐瑾萱';
const RARE = ['𠮷', '𡈽', '𬌗', '𬍛', '𬎆', '𫖮', '𬀩', '𫟼']; // beyond the BMP: 4 bytes in UTF-8 and GB18030
const DEPARTMENTS = [
  '继续教育与人才发展中心第一办公室',
  '临床医学检验与病理诊断科研究室',
  '基础教育课程改革与教学质量监测中心',
  '农业技术推广与农村经济发展服务站',
  '建筑结构设计与工程质量安全管理部',
];
const SERIES = ['中小学教师', '卫生技术人员', '工程技术人员', '农业技术人员'];
const rng = (seed: number) => () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

interface Person {
  name: string;
  idNumber: string;
  department: string;
  titleName: string;
}

/** n valid rows, every text cell Chinese except 证件号 and 信用代码; dates as Chinese text (1988年5月16日). */
function people(n: number, seed: number, seqBase: number): { persons: Person[]; rows: string[][] } {
  const r = rng(seed);
  const pick = (s: string | string[]) => s[Math.floor(r() * s.length)]!;
  const persons: Person[] = [],
    rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(1965, 0, 1) + (i % 9000) * 86_400_000);
    const idNumber = makeIdNumber('420102', day.toISOString().slice(0, 10).replace(/-/g, ''), seqBase + Math.floor(i / 9000));
    let name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN) + (i % 2 ? pick(GIVEN) : '');
    if (i % 37 === 5) name = name.slice(0, 2) + pick(RARE);
    let titleName = '';
    for (let k = 0; k < 6 + (i % 9); k++) titleName += pick(GIVEN) + pick(SURNAMES);
    const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
    persons.push({ name, idNumber, department, titleName });
    const birth = `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
    const series = SERIES[i % SERIES.length]!;
    rows.push([
      name,
      '居民身份证',
      idNumber,
      GENDERS[deriveFromIdNumber('resident', idNumber)!.gender],
      birth,
      '',
      empCode,
      department,
      series,
      '中级',
      titleName,
      '2018年9月1日',
      '大学本科',
    ]);
  }
  return { persons, rows };
}

async function xlsxOf(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专技人员');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads, runs the job to its end, and answers the job. */
async function importFile(content: Buffer, name: string) {
  const r = await hr.upload('/api/personnel/import', {}, { name, content });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await worker().runUntilIdle();
  return (await hr.get(`/api/personnel/imports/${r.body.id}`)).body;
}

/** Every person of the source, as stored: the name, the department and the title exactly as in the file. */
async function expectStored(persons: Person[]) {
  const stored = await ctx.db
    .select({ hash: users.idNumberHash, name: users.name, titleName: personnel.titleName, department: departments.name })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .where(eq(personnel.orgId, empId));
  const byHash = new Map(stored.map((s) => [s.hash, s]));
  const wrong: string[] = [];
  for (const p of persons) {
    const s = byHash.get(ctx.pii.blindIndex(p.idNumber));
    const got = s ? `${s.name}|${s.department}|${s.titleName}` : 'missing';
    const want = `${p.name}|${p.department}|${p.titleName}`;
    if (got !== want) wrong.push(`${got} ≠ ${want}`);
  }
  expect(wrong.slice(0, 5), `${wrong.length} of ${persons.length} people stored differently`).toEqual([]);
  expect(stored.filter((s) => s.name.includes('\uFFFD'))).toEqual([]);
}

beforeAll(async () => {
  ctx = await createTestApp();
  await worker().stop(); // the tests drive the worker themselves
  const ja = await hrOrg(ctx, '420102');
  hrId = ja.id;
  const emp = await newOrg(ctx, 'employer', ja.id, '湖北省武汉市江岸区继续教育格式测试中学');
  empId = emp.id;
  empCode = emp.creditCode;
  await insertDepartments(ctx.db, emp.id, DEPARTMENTS);
  const admin = await newAdmin(ctx, ja.id, { isSuper: true });
  adminUserId = admin.userId;
  hr = await loggedIn(ctx, admin);
});
afterAll(async () => ctx?.close());

describe('批量导入: every Chinese character arrives', () => {
  it('xlsx of 20,000 rows whose every text cell is Chinese: every stored name, department and title equals the source', async () => {
    const { persons, rows } = people(20_000, 1, 100);
    const job = await importFile(await xlsxOf(rows), '两万人.xlsx');
    expect(job, JSON.stringify(job)).toMatchObject({ status: 'done', total: 20_000, imported: 20_000, failed: 0 });
    await expectStored(persons);
  }, 600_000);

  it('csv in UTF-8, with BOM (Excel’s “CSV UTF-8”) and without; quoted fields with commas, quotes and line breaks', async () => {
    const a = people(1500, 2, 300);
    a.persons[0]!.titleName = '高级教师,“特级”\n"市级"'; // a comma, a line break and both kinds of quotes: quoted in the file
    a.rows[0]![10] = a.persons[0]!.titleName;
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf([HEADERS, ...a.rows]), 'utf8')]);
    expect(await importFile(withBom, '人员UTF8.csv')).toMatchObject({ status: 'done', imported: 1500, failed: 0 });
    const b = people(1500, 3, 400);
    expect(await importFile(Buffer.from(csvOf([HEADERS, ...b.rows]), 'utf8'), '人员.csv')).toMatchObject({
      status: 'done',
      imported: 1500,
      failed: 0,
    });
    await expectStored([...a.persons, ...b.persons]);
  }, 300_000);

  it('csv in GB18030 (what Excel saves as “CSV” on Chinese Windows), rare characters in four-byte codes', async () => {
    const { persons, rows } = people(3000, 4, 500);
    const content = await gb18030(csvOf([HEADERS, ...rows]));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(content)).toThrow(); // not mistaken for UTF-8
    expect(await importFile(content, '人员GBK.csv')).toMatchObject({ status: 'done', imported: 3000, failed: 0 });
    await expectStored(persons);
  }, 300_000);

  it('xls (BIFF8, what WPS and older Excel save)', async () => {
    const { persons, rows } = people(3000, 5, 600);
    expect(await importFile(await xlsOf('专技人员', [HEADERS, ...rows]), '人员.xls')).toMatchObject({ status: 'done', imported: 3000, failed: 0 });
    await expectStored(persons);
  }, 300_000);

  it('refuses what is not a spreadsheet, naming how to save it: a UTF-16 csv, a text file named .txt, an OLE file named .xlsx', async () => {
    const before = (await ctx.db.select().from(importJobs)).length;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvOf([HEADERS]), 'utf16le')]);
    const r16 = await hr.upload('/api/personnel/import', {}, { name: '人员.csv', content: utf16 });
    expect(r16.status).toBe(400);
    expect(r16.body.message).toContain('只接受 Excel(xlsx)、Excel(xls)、CSV');
    expect(r16.body.message).toContain('另存为“CSV UTF-8（逗号分隔）”');
    expect((await hr.upload('/api/personnel/import', {}, { name: '人员.txt', content: Buffer.from(csvOf([HEADERS]), 'utf8') })).status).toBe(400);
    const xls = await xlsOf('专技人员', [HEADERS]);
    expect((await hr.upload('/api/personnel/import', {}, { name: '人员.xlsx', content: xls })).status).toBe(400);
    expect((await ctx.db.select().from(importJobs)).length).toBe(before);
  });
});

describe('批量导入: zip bombs are bounded by what actually inflates', () => {
  /** Peak RSS of this process since the last reset (Linux: /proc/self/clear_refs, VmHWM). */
  const resetPeak = () => fs.writeFileSync('/proc/self/clear_refs', '5');
  const peakMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
  const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
  let bomb: Buffer;

  beforeAll(async () => {
    bomb = await zipBomb(await xlsxOf([['王小明']]), 600 * 1024 * 1024, 4096);
  }, 120_000);

  it('a ~600 KB xlsx claiming a 4 KB sheet that inflates to 600 MB: 400 in Chinese, nothing queued, memory bounded', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = (await ctx.db.select().from(importJobs)).length;
    global.gc?.();
    const base = rssMb();
    resetPeak();
    const r = await hr.upload('/api/personnel/import', {}, { name: '炸弹.xlsx', content: bomb });
    const grew = peakMb() - base;
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^文件：无法读取该Excel文件：解压后过大/);
    expect((await ctx.db.select().from(importJobs)).length).toBe(before);
    expect(grew, `RSS grew by ${Math.round(grew)} MB`).toBeLessThan(300);
    console.log(`zip bomb of ${Math.round(bomb.length / 1024)} KB refused at upload; RSS grew by ${Math.round(grew)} MB`);
  }, 120_000);

  it('the worker bounds it too (a file that reached it another way): the job fails with the message, memory bounded', async () => {
    const [f] = await ctx.db
      .insert(files)
      .values({
        sha256: 'b'.repeat(64),
        size: bomb.length,
        kind: 'xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        originalName: '炸弹.xlsx',
        content: bomb,
        ownerOrgId: hrId,
        uploadedBy: adminUserId,
      })
      .returning();
    const [job] = await ctx.db
      .insert(importJobs)
      .values({ kind: 'personnel', orgId: hrId, fileId: f!.id, fileSha256: 'b'.repeat(64), createdBy: adminUserId })
      .returning();
    global.gc?.();
    const base = rssMb();
    resetPeak();
    await worker().runUntilIdle();
    const grew = peakMb() - base;
    const after = (await hr.get(`/api/personnel/imports/${job!.id}`)).body;
    expect(after).toMatchObject({ status: 'failed', imported: 0 });
    expect(after.error).toContain('解压后过大');
    expect(grew, `RSS grew by ${Math.round(grew)} MB`).toBeLessThan(300);
    console.log(`zip bomb failed in the worker; RSS grew by ${Math.round(grew)} MB`);
  }, 120_000);
});
