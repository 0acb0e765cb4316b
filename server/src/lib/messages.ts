/**
 * 站内消息, written once: every decision on somebody's item is audited (lib/audit.ts) in the decision's transaction,
 * and writeAudit() hands each successful entry to deliverFor(), which looks its action up in MESSAGE_RULES. A rule is
 * one INSERT … SELECT: the target row gives the recipient — a person (their personnel seat) or an organisation (each
 * of its live admins) — and the text, so a rolled-back decision leaves no message and no decision goes unreported
 * without its rule missing here (messages.test.ts walks the decision actions).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ANNUAL_DOC_KINDS, type MessageKind } from '@hbzsgx/domain';
import type { Db } from '../db/client.js';

/** A rule's source: one row (or none) of `ref` (personnel.id or organizations.id), `title`, `body`, `link`. */
interface Rule {
  kind: MessageKind;
  to: 'person' | 'org';
  from(id: number): SQL;
}

const claimTo = (title: string, reason: SQL | null): Rule => ({
  kind: 'claim',
  to: 'person',
  from: (id) =>
    sql`SELECT c.personnel_id AS ref, ${title} || '：' || c.title AS title, ${reason ?? sql`NULL`} AS body, '/me/hours' AS link
        FROM claims c WHERE c.id = ${id}`,
});
const reasonOf = (column: string) => sql.raw(`CASE WHEN coalesce(${column}, '') <> '' THEN '原因：' || ${column} END`);

const CHANGE_LABEL = sql.raw(`CASE cr.kind WHEN 'title' THEN '职称信息变更' WHEN 'org_info' THEN '机构信息修改' ELSE '更换上级部门' END`);
const changeTo = (to: 'person' | 'org'): Rule => ({
  kind: 'change',
  to,
  // reparent needs two approvals: only the final state is reported
  from: (id) =>
    sql`SELECT ${sql.raw(to === 'person' ? 'cr.personnel_id' : 'cr.org_id')} AS ref,
               ${CHANGE_LABEL} || CASE cr.status WHEN 'approved' THEN '申请已通过' ELSE '申请被驳回' END AS title,
               ${reasonOf('cr.reject_reason')} AS body,
               ${to === 'person' ? '/me/profile' : '/account/org-info'} AS link
        FROM change_requests cr
        WHERE cr.id = ${id} AND cr.status <> 'pending' AND cr.personnel_id IS ${sql.raw(to === 'person' ? 'NOT NULL' : 'NULL')}`,
});

const registrationTo = (approved: boolean): Record<string, Rule> => ({
  personnel: {
    kind: 'registration',
    to: 'person',
    from: (id) =>
      sql`SELECT p.id AS ref, ${approved ? '注册审核已通过，欢迎使用本平台' : '注册审核未通过'} AS title,
                 ${approved ? sql`NULL` : reasonOf('p.reject_reason')} AS body, ${approved ? '/dashboard' : '/registration'} AS link
          FROM personnel p WHERE p.id = ${id}`,
  },
  organization: {
    kind: 'registration',
    to: 'org',
    from: (id) =>
      sql`SELECT o.id AS ref, ${approved ? '机构注册审核已通过' : '机构注册审核未通过'} || '：' || o.name AS title,
                 ${approved ? sql`NULL` : reasonOf('o.reject_reason')} AS body, ${approved ? '/dashboard' : '/registration'} AS link
          FROM organizations o WHERE o.id = ${id}`,
  },
});

const classTo = (approved: boolean): Rule => ({
  kind: 'class',
  to: 'org',
  from: (id) =>
    sql`SELECT tc.base_org_id AS ref,
               CASE o.type WHEN 'employer' THEN '单位培训计划' ELSE '培训班' END
                 || ${approved ? '审核已通过：' : '审核被驳回：'} || tc.name AS title,
               ${approved ? sql`NULL` : reasonOf('tc.reject_reason')} AS body, '/training/classes' AS link
        FROM training_classes tc JOIN organizations o ON o.id = tc.base_org_id WHERE tc.id = ${id}`,
});

const ANNUAL_LABEL = sql.raw(
  `CASE d.kind ${Object.entries(ANNUAL_DOC_KINDS)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ')} END`,
);
const annualTo = (approved: boolean): Rule => ({
  kind: 'annual',
  to: 'org',
  from: (id) =>
    sql`SELECT d.org_id AS ref, d.year || ${ANNUAL_LABEL} || ${approved ? '审核已通过' : '审核被驳回'} AS title,
               ${approved ? sql`NULL` : reasonOf('d.reject_reason')} AS body,
               '/training/annual/' || CASE d.kind WHEN 'plan' THEN 'plan' ELSE 'summary' END AS link
        FROM annual_docs d WHERE d.id = ${id}`,
});

const transferTo = (to: 'person' | 'org', confirmed: boolean): Rule => ({
  kind: 'transfer',
  to,
  from: (id) =>
    to === 'person'
      ? sql`SELECT t.personnel_id AS ref,
                   ${confirmed ? '人员调转已完成：您已调入' : '人员调转未被接收：'} || dest.name AS title,
                   ${confirmed ? sql`NULL` : reasonOf('t.refuse_reason')} AS body, '/me/profile' AS link
            FROM transfers t JOIN organizations dest ON dest.id = t.to_org_id WHERE t.id = ${id}`
      : sql`SELECT t.from_org_id AS ref,
                   ${confirmed ? '调出人员已被接收：' : '调出申请被拒绝：'} || u.name || '（' || dest.name || '）' AS title,
                   ${confirmed ? sql`NULL` : reasonOf('t.refuse_reason')} AS body, '/account/transfers/records' AS link
            FROM transfers t JOIN organizations dest ON dest.id = t.to_org_id
            JOIN personnel p ON p.id = t.personnel_id JOIN users u ON u.id = p.user_id WHERE t.id = ${id}`,
});

/**
 * The decisions that tell somebody: audit action → target type → rules. Everything else that is audited
 * (logins, exports, one's own submissions) sends nothing.
 */
export const MESSAGE_RULES: Record<string, Record<string, Rule[]>> = {
  'claim.approve': { claim: [claimTo('学时申报已通过', null)] },
  'claim.reject': { claim: [claimTo('学时申报被驳回', reasonOf('c.reject_reason'))] },
  'claim.delete': { claim: [claimTo('学时申报已被删除', reasonOf('c.delete_reason'))] },
  'claim.revoke': { claim: [claimTo('已认定的学时被撤销', reasonOf('c.revoke_reason'))] },
  'claim.unit-approve': { claim: [claimTo('单位已审核通过，待人社部门审核', null)] },
  'claim.unit-reject': { claim: [claimTo('单位驳回了学时申报', reasonOf('c.reject_reason'))] },
  'registration.approve': Object.fromEntries(Object.entries(registrationTo(true)).map(([k, r]) => [k, [r]])),
  'registration.reject': Object.fromEntries(Object.entries(registrationTo(false)).map(([k, r]) => [k, [r]])),
  'change.approve': { change_request: [changeTo('person'), changeTo('org')] },
  'change.reject': { change_request: [changeTo('person'), changeTo('org')] },
  'transfer.confirm': { transfer: [transferTo('person', true), transferTo('org', true)] },
  'transfer.refuse': { transfer: [transferTo('person', false), transferTo('org', false)] },
  'class.approve': { training_class: [classTo(true)] },
  'class.reject': { training_class: [classTo(false)] },
  'annual.approve': { annual_doc: [annualTo(true)] },
  'annual.reject': { annual_doc: [annualTo(false)] },
};

/** What of an audit entry (lib/audit.ts AuditEntry) decides its messages. */
export interface Audited {
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  result?: string;
}

/** The rules an audit entry triggers (none for a failed or denied one). */
export function rulesFor(e: Audited): Rule[] {
  if ((e.result ?? 'success') !== 'success') return [];
  const byType = MESSAGE_RULES[e.action];
  if (!byType) return [];
  return byType[e.targetType ?? ''] ?? [];
}

/** Writes the messages of one audited decision, in `db` (the decision's transaction). */
export async function deliverFor(db: Db, e: Audited): Promise<void> {
  const rules = rulesFor(e);
  if (!rules.length) return;
  const id = Number(e.targetId);
  if (!Number.isSafeInteger(id)) return;
  for (const rule of rules) {
    const seat =
      rule.to === 'person'
        ? sql`SELECT p.user_id, NULL::int AS admin_id FROM personnel p WHERE p.id = s.ref`
        : sql`SELECT a.user_id, a.id AS admin_id FROM admins a WHERE a.org_id = s.ref AND a.removed_at IS NULL`;
    await db.execute(sql`
      INSERT INTO messages (user_id, admin_id, kind, title, body, link, target_type, target_id)
      SELECT r.user_id, r.admin_id, ${rule.kind}, s.title, s.body, s.link, ${e.targetType ?? null}, ${String(id)}
      FROM (${rule.from(id)}) s CROSS JOIN LATERAL (${seat}) r
      WHERE s.title IS NOT NULL`);
  }
}
