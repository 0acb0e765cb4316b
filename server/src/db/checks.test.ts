/**
 * Migrations 0012_status_checks and 0013_code_checks_repeatable_sql: every status/type/kind/code column is guarded by a CHECK holding exactly its code list from
 * packages/domain (one source), so a write that bypasses the TypeScript types (raw SQL, a script, a bug) is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import {
  ANNOUNCEMENT_KIND_CODES,
  ANNOUNCEMENT_STATUS_CODES,
  MESSAGE_KIND_CODES,
  PASSWORD_RESET_STATUS_CODES,
  ANNUAL_DOC_KIND_CODES,
  AUDIT_RESULT_CODES,
  FILE_KIND_CODES,
  GENDER_CODES,
  ID_TYPE_CODES,
  USER_STATUS_CODES,
  VERIFICATION_RESULT_CODES,
  CHANGE_KIND_CODES,
  CLAIM_SOURCE_CODES,
  CLAIM_STATUS_CODES,
  CLASS_STATUS_CODES,
  ENROLMENT_STATUS_CODES,
  HR_LEVEL_CODES,
  IMPORT_JOB_KIND_CODES,
  IMPORT_JOB_STATUS_CODES,
  EXPORT_FORMAT_CODES,
  EXPORT_JOB_STATUS_CODES,
  LEARNING_FORM_CODES,
  LOGIN_TYPE_CODES,
  MATERIAL_CATEGORY_CODES,
  MATERIAL_STATUS_CODES,
  ORG_STATUS_CODES,
  ORG_TYPE_CODES,
  PERSONNEL_STATUS_CODES,
  REVIEW_DECISION_CODES,
  REVIEW_STATUS_CODES,
  SUBJECT_TYPE_CODES,
  TRANSFER_STATUS_CODES,
} from '@hbzsgx/domain';
import * as schema from './schema.js';
import { errorCode, queryRows } from './client.js';
import { createTestApp, type TestCtx } from '../../test/harness.js';
import { hrOrg, newOrg, newPerson } from '../../test/fixtures.js';

/** The guarded columns and the domain list each must hold. */
const GUARDED: Record<string, readonly string[]> = {
  organizations_type_check: ORG_TYPE_CODES,
  organizations_hr_level_check: HR_LEVEL_CODES,
  organizations_status_check: ORG_STATUS_CODES,
  personnel_status_check: PERSONNEL_STATUS_CODES,
  sessions_login_type_check: LOGIN_TYPE_CODES,
  change_requests_kind_check: CHANGE_KIND_CODES,
  change_requests_status_check: REVIEW_STATUS_CODES,
  change_requests_reviewer_decision_check: REVIEW_DECISION_CODES,
  change_requests_second_decision_check: REVIEW_DECISION_CODES,
  transfers_status_check: TRANSFER_STATUS_CODES,
  recognition_rules_learning_form_check: LEARNING_FORM_CODES,
  claims_source_check: CLAIM_SOURCE_CODES,
  claims_subject_type_check: SUBJECT_TYPE_CODES,
  claims_learning_form_check: LEARNING_FORM_CODES,
  claims_status_check: CLAIM_STATUS_CODES,
  training_classes_subject_type_check: SUBJECT_TYPE_CODES,
  training_classes_learning_form_check: LEARNING_FORM_CODES,
  training_classes_status_check: CLASS_STATUS_CODES,
  class_enrolments_status_check: ENROLMENT_STATUS_CODES,
  annual_docs_kind_check: ANNUAL_DOC_KIND_CODES,
  annual_docs_status_check: REVIEW_STATUS_CODES,
  materials_status_check: MATERIAL_STATUS_CODES,
  material_files_category_check: MATERIAL_CATEGORY_CODES,
  announcements_kind_check: ANNOUNCEMENT_KIND_CODES,
  announcements_status_check: ANNOUNCEMENT_STATUS_CODES,
  import_jobs_kind_check: IMPORT_JOB_KIND_CODES,
  import_jobs_status_check: IMPORT_JOB_STATUS_CODES,
  export_jobs_status_check: EXPORT_JOB_STATUS_CODES,
  export_jobs_format_check: EXPORT_FORMAT_CODES,
  export_jobs_login_type_check: LOGIN_TYPE_CODES,
  users_id_type_check: ID_TYPE_CODES,
  users_gender_check: GENDER_CODES,
  users_status_check: USER_STATUS_CODES,
  audit_logs_result_check: AUDIT_RESULT_CODES,
  files_kind_check: FILE_KIND_CODES,
  certificate_verifications_result_check: VERIFICATION_RESULT_CODES,
  messages_kind_check: MESSAGE_KIND_CODES,
  password_reset_requests_status_check: PASSWORD_RESET_STATUS_CODES,
};

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function refused(query: ReturnType<typeof sql>): Promise<string | undefined> {
  try {
    await ctx.db.execute(query);
  } catch (e) {
    return errorCode(e);
  }
  return 'accepted';
}

describe('status and type columns are guarded by CHECK constraints', () => {
  it('the database holds one CHECK per guarded column, with exactly the domain list', async () => {
    const rows = await queryRows<{ name: string; def: string }>(
      ctx.db,
      sql`
      select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'c' and connamespace = 'public'::regnamespace`,
    );
    const live = Object.fromEntries(rows.map((r) => [r.name, [...r.def.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]).sort()]));
    for (const [name, codes] of Object.entries(GUARDED)) expect(live[name], name).toEqual([...codes].sort());
    // and the schema declares the same constraints (so drizzle-kit keeps them): none forgotten on either side
    const declared = (Object.values(schema) as unknown[])
      .filter((t): t is PgTable => is(t, PgTable))
      .flatMap((t) => getTableConfig(t).checks.map((c) => c.name));
    expect(declared.sort()).toEqual(Object.keys(GUARDED).sort());
    expect(
      rows
        .map((r) => r.name)
        .filter((n) => n.endsWith('_check'))
        .sort(),
    ).toEqual(Object.keys(GUARDED).sort());
  });

  it('an organisation with an unknown status, type or HR level is refused (23514)', async () => {
    const hr = await hrOrg(ctx, '420102');
    const org = await newOrg(ctx, 'employer', hr.id);
    expect(await refused(sql`update organizations set status = 'approved' where id = ${org.id}`)).toBe('23514');
    expect(await refused(sql`update organizations set type = 'school' where id = ${org.id}`)).toBe('23514');
    expect(await refused(sql`update organizations set hr_level = 'town' where id = ${hr.id}`)).toBe('23514');
    expect(
      await refused(sql`insert into organizations (type, name, credit_code, division_code, path, contact_name, contact_phone, address, status)
      values ('employer', '坏状态单位', '91420102MA0000000X', '420102', '/x/', '张明', '13871234567', '地址', 'Active')`),
    ).toBe('23514');
    // every code of the lists is accepted (NULL as well, for the optional HR level)
    for (const s of ORG_STATUS_CODES) expect(await refused(sql`update organizations set status = ${s} where id = ${org.id}`)).toBe('accepted');
    expect(await refused(sql`update organizations set hr_level = null where id = ${org.id}`)).toBe('accepted');
  });

  it('a claim with an unknown status, source or 学习形式 is refused (23514)', async () => {
    const hr = await hrOrg(ctx, '420102');
    const base = await newOrg(ctx, 'base', hr.id);
    const p = await newPerson(ctx, (await newOrg(ctx, 'employer', hr.id)).id);
    const insert = (status: string, source = 'base', form = 'faceToFace') => sql`
      insert into claims (personnel_id, year, source, declaring_org_id, title, subject_type, learning_form, hours, status)
      values (${p.personnelId}, 2026, ${source}, ${base.id}, '测试', 'public', ${form}, 8, ${status})`;
    expect(await refused(insert('approvedd'))).toBe('23514');
    expect(await refused(insert('APPROVED'))).toBe('23514');
    expect(await refused(insert('pending', 'school'))).toBe('23514');
    expect(await refused(insert('pending', 'base', 'faceToface'))).toBe('23514');
    for (const s of CLAIM_STATUS_CODES) expect(await refused(insert(s))).toBe('accepted');
  });

  it('an account with an unknown 证件类型, gender or status, an audit row, a file or a verification with an unknown code is refused (23514)', async () => {
    const hr = await hrOrg(ctx, '420102');
    const p = await newPerson(ctx, (await newOrg(ctx, 'employer', hr.id)).id);
    expect(await refused(sql`update users set id_type = 'idCard' where id = ${p.userId}`)).toBe('23514');
    expect(await refused(sql`update users set gender = '男' where id = ${p.userId}`)).toBe('23514');
    expect(await refused(sql`update users set status = 'locked' where id = ${p.userId}`)).toBe('23514');
    for (const s of ID_TYPE_CODES) expect(await refused(sql`update users set id_type = ${s} where id = ${p.userId}`)).toBe('accepted');
    for (const s of USER_STATUS_CODES) expect(await refused(sql`update users set status = ${s} where id = ${p.userId}`)).toBe('accepted');
    expect(await refused(sql`update users set gender = null where id = ${p.userId}`)).toBe('accepted');
    expect(await refused(sql`insert into audit_logs (action, result) values ('test', 'ok')`)).toBe('23514');
    for (const s of AUDIT_RESULT_CODES) expect(await refused(sql`insert into audit_logs (action, result) values ('test', ${s})`)).toBe('accepted');
    const file = (kind: string) => sql`
      insert into files (sha256, size, kind, mime, original_name, content, owner_org_id, uploaded_by)
      values (${'0'.repeat(64)}, 1, ${kind}, 'application/pdf', 'a.pdf', decode('00', 'hex'), ${hr.id}, ${p.userId})`;
    expect(await refused(file('annual'))).toBe('23514');
    expect(await refused(file('PDF'))).toBe('23514');
    for (const k of FILE_KIND_CODES) expect(await refused(file(k))).toBe('accepted');
    const verification = (result: string) => sql`insert into certificate_verifications (code, result) values ('X', ${result})`;
    expect(await refused(verification('expired'))).toBe('23514');
    for (const r of VERIFICATION_RESULT_CODES) expect(await refused(verification(r))).toBe('accepted');
  });
});
