/** 批量导入专技人员: template, upload → job, row validation, failures, double submission, scope and permissions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { deriveFromIdNumber, GENDERS } from '@hbzsgx/domain';
import { auditLogs, importFailures, importJobs, personnel, users } from '../../../db/schema.js';
import { insertDepartments } from '../../../db/seed/factory.js';
import { makeIdNumber } from '../../../db/seed/codes.js';
import { createTestApp, type Client, type TestCtx } from '../../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../../test/fixtures.js';
import { readXlsx, zipBomb } from '../../../../test/xlsx.js';
import { importWorkerOf } from '../routes.js';
import { col, HEADERS } from './columns.js';

let ctx: TestCtx;
let hr: Client, sibling: Client, viewer: Client, employerAdmin: Client, importer: Client;
let empCode: string, outCode: string, hrCode: string, empId: number, officeId: number;
let existing: { idNumber: string };

const worker = () => importWorkerOf(ctx.app);
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const gender = (id: string) => GENDERS[deriveFromIdNumber('resident', id)!.gender];

export async function xlsxOf(rows: unknown[][], header: string[] = HEADERS) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专技人员');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(c: Client, content: Buffer, name = '人员.xlsx') {
  return c.upload('/api/personnel/import', {}, { name, content });
}

/** Uploads, then lets the (stopped) worker run the job to its end. */
async function importFile(content: Buffer) {
  const r = await upload(hr, content);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await worker().runUntilIdle();
  return (await hr.get(`/api/personnel/imports/${r.body.id}`)).body;
}

async function failuresOf(jobId: number): Promise<Record<number, string>> {
  const r = await hr.get(`/api/personnel/imports/${jobId}/failures?pageSize=100`);
  expect(r.status).toBe(200);
  return Object.fromEntries(r.body.items.map((f: { row: number; reason: string }) => [f.row, f.reason]));
}

beforeAll(async () => {
  ctx = await createTestApp();
  await worker().stop(); // the tests drive the worker themselves
  const ja = await hrOrg(ctx, '420102');
  const jh = await hrOrg(ctx, '420103');
  hrCode = ja.creditCode;
  const emp = await newOrg(ctx, 'employer', ja.id, '江岸区导入测试中学');
  empId = emp.id;
  empCode = emp.creditCode;
  [{ id: officeId }] = (await insertDepartments(ctx.db, emp.id, ['办公室', '教务处'])) as [{ id: number }, ...unknown[]];
  outCode = (await newOrg(ctx, 'employer', jh.id, '江汉区某单位')).creditCode;
  existing = await newPerson(ctx, emp.id);
  hr = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, jh.id, { isSuper: true }));
  viewer = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.view'] }));
  importer = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.import'] })); // no pii.view
  employerAdmin = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
});
afterAll(async () => ctx?.close());

describe('批量导入模板', () => {
  it('has the template columns, a text 证件号 column and drop-downs from a hidden sheet', async () => {
    const r = await hr.get('/api/personnel/import/template');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-disposition'])).toMatch(/^attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1, HEADERS.length + 1)).toEqual(HEADERS);
    expect(ws.getColumn(3).numFmt).toBe('@'); // 证件号*
    expect(ws.getCell('I2').dataValidation.formulae[0]).toMatch(/^=Lists!\$I\$2:\$I\$28$/); // 27 职称系列
    expect(wb.getWorksheet('Lists')!.state).toBe('veryHidden');
    expect(wb.getWorksheet('Lists')!.getCell('I2').value).toBe('高等学校教师');
  });

  it('is refused without personnel.import (403)', async () => {
    expect((await viewer.get('/api/personnel/import/template')).status).toBe(403);
    expect((await employerAdmin.get('/api/personnel/import/template')).status).toBe(403);
  });
});

describe('导入任务', () => {
  const id1 = makeIdNumber('420102', '19880516', 11);
  const id2 = makeIdNumber('420102', '19850305', 12);
  const badChecksum = (() => {
    const v = makeIdNumber('420102', '19900101', 13);
    return v.slice(0, 17) + (v[17] === '1' ? '2' : '1');
  })();
  const id16 = makeIdNumber('420102', '19850305', 22);
  let jobId: number;

  it('imports the valid rows and reports every other row with its reason', async () => {
    worker().options.chunkSize = 4; // several chunks, a duplicate across chunks
    const file = await xlsxOf([
      /* 2 */ [
        '王小明',
        '居民身份证',
        id1,
        gender(id1),
        '',
        '13800001111',
        empCode,
        '办公室',
        '中小学教师',
        '中级',
        '一级教师',
        '2018-09-01',
        '大学本科',
      ],
      /* 3 */ [
        ' 李 娜 ',
        '',
        ` ${fullWidth(id2.slice(0, 9))} ${id2.slice(9)}　`,
        '',
        '1985/3/5',
        '１３９ 0000 2222',
        ` ${empCode.toLowerCase()} `,
        '',
        '工程技术人员',
        '助理级',
        '',
        new Date(Date.UTC(2015, 6, 1)),
        '',
      ],
      /* 4 */ ['赵校验', '居民身份证', badChecksum, '', '', '13700004444', empCode, '', '中小学教师', '中级', '', '', ''],
      /* 5 */ ['钱日期', '', makeIdNumber('420102', '19910202', 14), '', '', '', empCode, '', '中小学教师', '中级', '', '2020.13.01', '小学'],
      /* 6 */ ['王小明', '', id1, '', '', '', empCode, '', '中小学教师', '中级', '', '', ''],
      /* 7 */ ['孙已有', '', existing.idNumber, '', '', '', empCode, '', '中小学教师', '中级', '', '', ''],
      /* 8 */ ['周外区', '', makeIdNumber('420103', '19920303', 15), '', '', '', outCode, '', '中小学教师', '中级', '', '', ''],
      /* 9 */ ['', '', '', '', '', '', '', '', '', '', '', '', ''],
      /* 10 */ [
        'Anna Smith',
        '护照',
        'e1234567',
        '女',
        new Date(Date.UTC(1979, 10, 23)),
        '',
        empCode,
        '教务处',
        '高等学校教师',
        '副高级',
        '副教授',
        '2016.05.20',
        '博士研究生',
      ],
      /* 11 */ ['吴数字', '', Number(makeIdNumber('420102', '19930404', 16).slice(0, 17)), '', '', '', empCode, '', '中小学教师', '中级', '', '', ''],
      /* 12 */ ['郑人社', '', makeIdNumber('420102', '19940505', 17), '', '', '', hrCode, '', '中小学教师', '中级', '', '', ''],
      /* 13 */ ['冯级别', '', makeIdNumber('420102', '19950606', 18), '', '', '', empCode, '', '高等学校教师', '员级', '', '', ''],
      /* 14 */ ['陈部门', '', makeIdNumber('420102', '19960707', 19), '', '', '', empCode, '后勤处', '中小学教师', '中级', '', '', ''],
      /* 15 */ ['', '', makeIdNumber('420102', '19970808', 20), '', '', '', empCode, '', '', '中级', '', '', ''],
      /* 16 */ ['褚性别', '', id16, gender(id16) === '男' ? '女' : '男', '', '', empCode, '', '中小学教师', '中级', '', '', ''],
    ]);
    const r = await upload(hr, file, '江岸区人员.xlsx');
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'queued' });
    jobId = r.body.id;
    const queued = await hr.get(`/api/personnel/imports/${jobId}`);
    expect(queued.body).toMatchObject({ status: 'queued', statusName: '排队中', fileName: '江岸区人员.xlsx', percent: 0 });

    // one chunk: the job runs, 4 rows done; the total is the zip's row count (the empty row too) until the end
    const first = await worker().processNextChunk(jobId);
    expect(first).toMatchObject({ status: 'running', total: 15, processed: 4 });
    expect((await hr.get(`/api/personnel/imports/${jobId}`)).body).toMatchObject({ status: 'running', statusName: '导入中', percent: 26 });
    await worker().runUntilIdle();
    const job = (await hr.get(`/api/personnel/imports/${jobId}`)).body;
    expect(job).toMatchObject({ status: 'done', statusName: '已完成', total: 14, processed: 14, imported: 3, failed: 11, percent: 100, error: null });

    const f = await failuresOf(jobId);
    expect(Object.keys(f).map(Number)).toEqual([4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16]);
    expect(f[4]).toBe('证件号：居民身份证号校验位错误');
    expect(f[5]).toContain('取得职称时间：不是有效日期');
    expect(f[5]).toContain('学历：应为');
    expect(f[6]).toBe('证件号：与第2行重复');
    expect(f[7]).toContain('已在平台注册');
    expect(f[8]).toBe('所在单位统一社会信用代码：该单位不存在或不在本辖区');
    expect(f[11]).toContain('证件号：须为文本格式');
    expect(f[12]).toContain('须为用人单位、主管部门或继续教育基地');
    expect(f[13]).toBe('职称级别：高等学校教师系列没有员级');
    expect(f[14]).toBe('内设部门：所在单位没有名为“后勤处”的内设部门');
    expect(f[15]).toBe('姓名：不能为空；职称系列：不能为空');
    expect(f[16]).toMatch(/^性别：与证件号不符/);
    // the screen shows masked 证件号 only
    const screen = await hr.get(`/api/personnel/imports/${jobId}/failures`);
    expect(JSON.stringify(screen.body)).not.toContain(badChecksum);
    expect(screen.body.items.find((x: { row: number }) => x.row === 4).idNumberMasked).toBe(
      badChecksum.slice(0, 4) + '**********' + badChecksum.slice(-4),
    );

    // exactly the three good rows became people of the employer, with what the file said
    const hashes = [id1, id2, 'E1234567'].map((v) => ctx.pii.blindIndex(v));
    const made = await ctx.db
      .select({ u: users, p: personnel })
      .from(users)
      .innerJoin(personnel, eq(personnel.userId, users.id))
      .where(inArray(users.idNumberHash, hashes));
    expect(made).toHaveLength(3);
    const byName = Object.fromEntries(made.map((m) => [m.u.name, m]));
    expect(Object.keys(byName).sort()).toEqual(['Anna Smith', '李娜', '王小明']);
    expect(byName['王小明']!.p).toMatchObject({
      orgId: empId,
      departmentId: officeId,
      titleSeries: 'ZXXJ',
      titleLevel: 'intermediate',
      titleName: '一级教师',
      titleDate: '2018-09-01',
      education: 'bachelor',
      status: 'active',
    });
    expect(byName['王小明']!.u).toMatchObject({ birthDate: '1988-05-16', passwordHash: null, mustChangePassword: true, status: 'active' });
    expect(ctx.pii.decrypt(byName['王小明']!.u.phoneEnc!)).toBe('13800001111');
    expect(byName['李娜']!.u).toMatchObject({
      idNumberMasked: id2.slice(0, 4) + '**********' + id2.slice(-4),
      birthDate: '1985-03-05',
      phoneMasked: '139****2222',
    });
    expect(byName['李娜']!.p).toMatchObject({
      titleSeries: 'GCJS',
      titleLevel: 'assistant',
      titleDate: '2015-07-01',
      departmentId: null,
      education: null,
    });
    expect(byName['Anna Smith']!.u).toMatchObject({ idType: 'passport', gender: 'female', birthDate: '1979-11-23' });
    expect(byName['Anna Smith']!.p).toMatchObject({ titleSeries: 'GDJS', titleLevel: 'viceSenior', titleDate: '2016-05-20', education: 'doctor' });
    // the job's start and end are audited
    const audit = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetType, 'import_job'), eq(auditLogs.targetId, String(jobId))));
    expect(audit.map((a) => a.action).sort()).toEqual(['personnel.import', 'personnel.import.finish']);
    worker().options.chunkSize = 500;
  });

  it('the 失败数据 xlsx repeats the template columns in full for a holder of pii.view, audited as an unmasked view', async () => {
    const rows = await readXlsx(await hr.get(`/api/personnel/imports/${jobId}/failures.xlsx`));
    expect(rows[0]).toEqual([...HEADERS, '失败原因', '原行号']);
    expect(rows).toHaveLength(12);
    const bad = rows.find((r) => r[14] === '4')!;
    expect(bad[2]).toBe(badChecksum); // the importer's own data, to correct and re-import
    expect(bad[13]).toBe('证件号：居民身份证号校验位错误');
    expect(bad[col('phone')]).toBe('13700004444');
    expect(rows.find((r) => r[14] === '12')![col('phone')]).toBe(''); // (a row without 手机号 stays empty)
    const [exp] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export'), eq(auditLogs.targetType, 'import_failures')));
    expect(exp?.detail).toMatchObject({ filters: { jobId }, rows: 11 });
    const unmasked = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'pii.view'), eq(auditLogs.targetType, 'import_job'), eq(auditLogs.targetId, String(jobId))));
    expect(unmasked).toHaveLength(1);
    expect(unmasked[0]!.detail).toMatchObject({ fields: ['idNumber', 'phone'], via: 'import_failures', rows: 11 });
    // stored encrypted at rest
    const [stored] = await ctx.db
      .select()
      .from(importFailures)
      .where(and(eq(importFailures.jobId, jobId), eq(importFailures.rowNumber, 4)));
    expect(JSON.stringify(stored!.values)).not.toContain(badChecksum);
  });

  it('the 失败数据 xlsx masks 证件号 and 手机号 for an importer without pii.view (no unmasked view audited)', async () => {
    const before = (await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'pii.view'))).length;
    const rows = await readXlsx(await importer.get(`/api/personnel/imports/${jobId}/failures.xlsx`));
    expect(rows).toHaveLength(12);
    const bad = rows.find((r) => r[14] === '4')!;
    expect(bad[col('idNumber')]).toBe(badChecksum.slice(0, 4) + '**********' + badChecksum.slice(-4));
    expect(bad[col('phone')]).toBe('137****4444');
    expect(bad[0]).toBe('赵校验');
    expect(bad[13]).toBe('证件号：居民身份证号校验位错误'); // the reason and the other columns stay
    for (const r of rows.slice(1)) {
      expect(r.join('|')).not.toMatch(/\d{17}[\dXx]|1[3-9]\d{9}/); // no full 证件号, no full 手机号 anywhere
    }
    expect((await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'pii.view'))).length).toBe(before);
  });

  it('a wrong header fails the whole job at once with a clear message', async () => {
    const file = await xlsxOf(
      [['王五', '', makeIdNumber('420102', '19800101', 30), '', '', '', empCode, '', '中小学教师', '中级', '', '', '']],
      ['姓名', '证件号', '单位'],
    );
    const job = await importFile(file);
    expect(job).toMatchObject({ status: 'failed', statusName: '导入失败', processed: 0, imported: 0, failed: 0 });
    expect(job.error).toContain('表头与模板不一致');
    expect(job.error).toContain('姓名*、证件类型、证件号*');
    expect(
      await ctx.db
        .select()
        .from(users)
        .where(eq(users.idNumberHash, ctx.pii.blindIndex(makeIdNumber('420102', '19800101', 30)))),
    ).toHaveLength(0);
  });

  it('an empty file and a file of empty rows finish with nothing imported', async () => {
    const job = await importFile(await xlsxOf([['', '', ''], ['  ']]));
    expect(job).toMatchObject({ status: 'done', total: 0, processed: 0, imported: 0, failed: 0 });
  });

  it('the same file while its job is live → 409; once finished it may be submitted again', async () => {
    const file = await xlsxOf([['蒋重复', '', makeIdNumber('420102', '19810101', 31), '', '', '', empCode, '', '中小学教师', '中级', '', '', '']]);
    const a = await upload(hr, file);
    expect(a.status).toBe(202);
    const b = await upload(hr, file);
    expect(b.status).toBe(409);
    expect(b.body.message).toContain('正在导入中');
    expect(
      await ctx.db
        .select()
        .from(importJobs)
        .where(eq(importJobs.fileSha256, (await ctx.db.select().from(importJobs).where(eq(importJobs.id, a.body.id)))[0]!.fileSha256)),
    ).toHaveLength(1);
    await worker().runUntilIdle();
    expect((await hr.get(`/api/personnel/imports/${a.body.id}`)).body).toMatchObject({ status: 'done', imported: 1 });
    const again = await importFile(file);
    expect(again).toMatchObject({ status: 'done', imported: 0, failed: 1 });
    expect(Object.values(await failuresOf(again.id))[0]).toContain('已在平台注册');
  });

  it('lists recent jobs of the jurisdiction only; another county gets 404 on every job route', async () => {
    const list = await hr.get('/api/personnel/imports?pageSize=50');
    expect(list.status).toBe(200);
    expect(list.body.items.map((j: { id: number }) => j.id)).toContain(jobId);
    expect(list.body.items[0].id).toBeGreaterThan(jobId); // newest first
    expect((await sibling.get('/api/personnel/imports')).body.total).toBe(0);
    for (const url of [
      `/api/personnel/imports/${jobId}`,
      `/api/personnel/imports/${jobId}/failures`,
      `/api/personnel/imports/${jobId}/failures.xlsx`,
    ]) {
      expect((await sibling.get(url)).status, url).toBe(404);
    }
  });

  it('refuses uploads without the permission, non-xlsx files, missing files and zip bombs (nothing queued)', async () => {
    const before = (await ctx.db.select().from(importJobs)).length;
    expect((await upload(viewer, await xlsxOf([]))).status).toBe(403);
    expect((await upload(employerAdmin, await xlsxOf([]))).status).toBe(403);
    const pdf = await upload(hr, Buffer.from('%PDF-1.4 not a sheet'), 'x.xlsx');
    expect(pdf.status).toBe(400);
    expect(pdf.body.message).toMatch(/^文件：只接受 Excel\(xlsx\)、Excel\(xls\)、CSV 文件/);
    const none = await hr.upload('/api/personnel/import', { note: 'x' });
    expect(none.status).toBe(400);
    expect(none.body.message).toContain('文件');
    // a zip bomb is judged by what really inflates (the headers claim a 4 KB sheet); formats.test.ts measures memory
    const big = await upload(hr, await zipBomb(await xlsxOf([]), 200 * 1024 * 1024, 4096, true));
    expect(big.status).toBe(400);
    expect(big.body.message).toContain('解压后过大');
    // and a header that claims a huge entry no longer matters when the content is small
    const real = await xlsxOf([]);
    const liar = Buffer.from(real);
    const eocd = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    liar.writeUInt32LE(0xfffffff0, liar.readUInt32LE(eocd + 16) + 24);
    const small = await upload(hr, liar);
    expect(small.status, JSON.stringify(small.body)).toBe(202);
    await worker().runUntilIdle();
    expect((await hr.get(`/api/personnel/imports/${small.body.id}`)).body).toMatchObject({ status: 'done', total: 0 });
    expect((await ctx.db.select().from(importJobs)).length).toBe(before + 1); // the small liar only
  });

  it('bad ids and paging answer 400 in Chinese', async () => {
    const r = await hr.get('/api/personnel/imports/abc');
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/^路径参数编号：/);
    const p = await hr.get(`/api/personnel/imports/${jobId}/failures?pageSize=0`);
    expect(p.status).toBe(400);
    expect(p.body.message).toContain('每页条数');
    expect((await hr.get('/api/personnel/imports/999999')).status).toBe(404);
  });

  it('the running worker picks up an upload by itself (onReady) and finishes it', async () => {
    worker().start();
    const id = makeIdNumber('420102', '19820202', 32);
    const r = await upload(hr, await xlsxOf([['沈自动', '', id, '', '', '', empCode, '', '中小学教师', '中级', '', '', '']]));
    let job = r.body;
    for (let i = 0; i < 200 && job.status !== 'done'; i++) {
      // up to 20 s on a loaded machine
      await new Promise((res) => setTimeout(res, 100));
      job = (await hr.get(`/api/personnel/imports/${r.body.id}`)).body;
    }
    expect(job).toMatchObject({ status: 'done', imported: 1 });
    await worker().stop();
    const [held] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, r.body.id));
    expect(held!.lockedBy).toBeNull();
  });
});
