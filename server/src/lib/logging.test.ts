/** The logs hold no secrets: a database error during a registration is logged by its code, never its values. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app.js';
import { makeCreditCode } from '../db/seed/codes.js';
import { openTestDatabase, TEST_KEY, testConfig, Client, type TestCtx } from '../../test/harness.js';
import { hrOrg, nextIdNumber } from '../../test/fixtures.js';
import { createPii } from './pii.js';
import { maskQuery, safeError, scrubText } from './logging.js';

const lines: string[] = [];
let ctx: TestCtx;
beforeAll(async () => {
  const database = await openTestDatabase();
  const config = testConfig({ LOG_LEVEL: 'info' });
  const pii = createPii(TEST_KEY);
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({ config, database, pii }, { logger: { level: 'info', stream } });
  await app.ready();
  ctx = {
    app,
    config,
    pii,
    database,
    db: database.db,
    async close() {
      await app.close();
      await database.close();
    },
  };
});
afterAll(async () => ctx?.close());

describe('logs', () => {
  it('a database error on registration is logged with its code and constraint, none of the submitted values', async () => {
    // a constraint the registration does not expect: PostgreSQL's error quotes the failing row, Drizzle's the statement and parameters
    await ctx.db.execute(sql.raw('ALTER TABLE users ADD CONSTRAINT log_test_no_new_users CHECK (id < 0) NOT VALID'));
    const parent = await hrOrg(ctx, '420102');
    const idNumber = nextIdNumber();
    const secrets = {
      idNumber,
      realName: '欧阳日志',
      phone: '13912340000',
      email: 'secret.person@example.cn',
      password: 'Log@2026secret',
      orgName: '日志测试用人单位',
      contactPhone: '13812349999',
      address: '武汉市江岸区日志路99号',
    };
    const body = {
      type: 'employer',
      name: secrets.orgName,
      creditCode: makeCreditCode('91', '420102', 'log-test'),
      divisionCode: '420102',
      parentId: parent.id,
      contactName: '李日志',
      contactPhone: secrets.contactPhone,
      address: secrets.address,
      admin: {
        idType: 'resident',
        idNumber,
        realName: secrets.realName,
        phone: secrets.phone,
        email: secrets.email,
        password: secrets.password,
        confirmPassword: secrets.password,
      },
    };
    lines.length = 0;
    const res = await new Client(ctx).post('/api/register/org', body);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 'INTERNAL', message: '服务器内部错误，请稍后再试' });
    const log = lines.join('\n');
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(entry.err).toMatchObject({ type: 'DatabaseError', code: '23514', constraint: 'log_test_no_new_users' });
    for (const [k, v] of Object.entries(secrets)) expect(log, k).not.toContain(v);
    expect(log).not.toContain(idNumber.slice(6, 14)); // the birth date inside the ID number
    expect(log).not.toMatch(/scrypt|\$[0-9a-f]{16,}|insert into|params/i);
    await ctx.db.execute(sql.raw('ALTER TABLE users DROP CONSTRAINT log_test_no_new_users'));
  });

  it('redacts secret and personal fields wherever a logged object carries them', () => {
    ctx.app.log.info(
      { body: { password: 'P@ss-redact-1', idNumber: '11010519491231002X', phone: '13800001111', email: 'x@y.cn', name: 'ok' } },
      'probe',
    );
    const last = JSON.parse(lines.at(-1)!);
    expect(last.body).toEqual({ password: '[已隐去]', idNumber: '[已隐去]', phone: '[已隐去]', email: '[已隐去]', name: 'ok' });
  });

  it('masks personal values in the request URL and in the text of other errors', () => {
    expect(maskQuery('/api/personnel?idNumber=11010519491231002X&page=1')).toBe('/api/personnel?idNumber=1101**********002X&page=1');
    expect(scrubText('bad 11010519491231002X and 13812345678 of a@b.cn')).toBe('bad 1101**********002X and 138****5678 of ***@***');
    const e = safeError(new TypeError('cannot read 11010519491231002X'));
    expect(e).toMatchObject({ type: 'TypeError', message: 'cannot read 1101**********002X' });
    expect(e.stack).not.toContain('11010519491231002X');
  });
});
