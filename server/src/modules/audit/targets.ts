/**
 * 审计日志's 对象 and 操作人 as users read them: "学时申报 张三·2026年·<课程>", "培训班 <name>", "机构 <name>" — never a
 * bare "#3011". One statement for a whole page: the page's rows by primary key, each looking up only its own target (a
 * CASE by target type, so each row reads one index entry of one table); deleted targets fall back to the name the
 * row's detail recorded. The statement is a named prepared one: its ~20 sub-selects cost PostgreSQL ~1 ms to plan and
 * ~0.3 ms to run at 3M/30M, so each connection plans it once (docs/decisions.md, 2026-12-04).
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ANNUAL_DOC_KINDS, CHANGE_KINDS } from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { auditLogs } from '../../db/schema.js';

/** A CASE over a code column mapping codes to their labels (domain dictionaries). */
function labelCase(column: SQL, labels: Record<string, string>): SQL {
  return sql`CASE ${column} ${sql.join(
    Object.entries(labels).map(([k, v]) => sql`WHEN ${k} THEN ${v}`),
    sql` `,
  )} ELSE ${column} END`;
}

const personName = (personnelId: SQL) => sql`(SELECT u.name FROM personnel p JOIN users u ON u.id = p.user_id WHERE p.id = ${personnelId})`;

/** The target's name by type; `k.tid` is the row's numeric target id (null when it is not one). */
const TARGET_BY_TYPE = sql`CASE a.target_type
  WHEN 'user' THEN (SELECT name FROM users WHERE id = k.tid)
  WHEN 'admin' THEN (SELECT u.name FROM admins ad JOIN users u ON u.id = ad.user_id WHERE ad.id = k.tid)
  WHEN 'department' THEN (SELECT name FROM departments WHERE id = k.tid)
  WHEN 'role' THEN (SELECT name FROM roles WHERE id = k.tid)
  WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = k.tid)
  WHEN 'personnel' THEN ${personName(sql`k.tid`)}
  WHEN 'change_request' THEN (SELECT coalesce(${personName(sql`c.personnel_id`)}, o.name) || '·' || ${labelCase(sql`c.kind`, CHANGE_KINDS)}
                                FROM change_requests c JOIN organizations o ON o.id = c.org_id WHERE c.id = k.tid)
  WHEN 'transfer' THEN (SELECT ${personName(sql`t.personnel_id`)} FROM transfers t WHERE t.id = k.tid)
  WHEN 'hour_policy' THEN CASE WHEN k.tid IS NOT NULL THEN k.tid || '年' END
  WHEN 'training_class' THEN (SELECT name FROM training_classes WHERE id = k.tid)
  WHEN 'scores' THEN (SELECT name FROM training_classes WHERE id = k.tid)
  WHEN 'claim' THEN (SELECT ${personName(sql`c.personnel_id`)} || '·' || c.year || '年·' || c.title FROM claims c WHERE c.id = k.tid)
  WHEN 'annual_doc' THEN (SELECT o.name || '·' || d.year || '年·' || ${labelCase(sql`d.kind`, ANNUAL_DOC_KINDS)}
                            FROM annual_docs d JOIN organizations o ON o.id = d.org_id WHERE d.id = k.tid)
  WHEN 'material' THEN (SELECT title FROM materials WHERE id = k.tid)
  WHEN 'import_job' THEN (SELECT f.original_name FROM import_jobs j JOIN files f ON f.id = j.file_id WHERE j.id = k.tid)
  WHEN 'export_job' THEN (SELECT title FROM export_jobs WHERE id = k.tid)
  WHEN 'certificate' THEN (SELECT ${personName(sql`c.personnel_id`)} || '·' || c.year || '年' FROM certificates c WHERE c.id = k.tid)
  WHEN 'multi_year_certificate' THEN (SELECT ${personName(sql`c.personnel_id`)} || '·' || c.from_year || '—' || c.to_year || '年'
                                        FROM multi_year_certificates c WHERE c.id = k.tid)
END`;

/** The row's numeric target id, or null when the target id is not one. */
const TID = sql`(CASE WHEN a.target_id ~ '^[0-9]{1,9}$' THEN a.target_id::int END)`;

/** 操作人: the name the row recorded, or its user's. */
const ACTOR_NAME = sql<string | null>`coalesce(a.actor_name, (SELECT name FROM users WHERE id = a.actor_user_id))`;
/** 对象: the target by its type, or the name the row's detail recorded. */
const TARGET_NAME = sql<
  string | null
>`coalesce((SELECT ${TARGET_BY_TYPE} FROM (SELECT ${TID} AS tid) k), a.detail->'before'->>'name', a.detail->'after'->>'name', a.detail->>'name', a.detail->>'title')`;

const a = alias(auditLogs, 'a');
const namesOf = (db: Db) =>
  db
    .select({ id: a.id, actorName: ACTOR_NAME, targetName: TARGET_NAME })
    .from(a)
    .where(sql`${a.id} = ANY(${sql.placeholder('ids')}::bigint[])`)
    .prepare('audit_names');
const prepared = new WeakMap<Db, ReturnType<typeof namesOf>>();

export interface AuditNames {
  actorName: string | null;
  targetName: string | null;
}

/** The 操作人 and 对象 names of one page of audit rows, by audit id: one prepared statement whatever the page holds. */
export async function auditNames(db: Db, ids: number[]): Promise<Map<number, AuditNames>> {
  if (ids.length === 0) return new Map();
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = namesOf(db)));
  const rows = await q.execute({ ids: ids.map((i) => Math.trunc(i)) });
  return new Map(rows.map((r) => [Number(r.id), { actorName: r.actorName, targetName: r.targetName }]));
}
