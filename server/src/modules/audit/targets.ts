/**
 * 审计日志's 对象 and 操作人 as users read them: "学时申报 张三·2026年·<课程>", "培训班 <name>", "机构 <name>" — never a
 * bare "#3011". One query for a whole page: the page's rows by primary key, each looking up only its own target (a
 * CASE by target type, so each row reads one index entry of one table); deleted targets fall back to the name the
 * row's detail recorded.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ANNUAL_DOC_KINDS, CHANGE_KINDS } from '@hbzsgx/domain';
import { queryRows, type Db } from '../../db/client.js';

/** A CASE over a code column mapping codes to their labels (domain dictionaries). */
function labelCase(column: SQL, labels: Record<string, string>): SQL {
  return sql`CASE ${column} ${sql.join(
    Object.entries(labels).map(([k, v]) => sql`WHEN ${k} THEN ${v}`),
    sql` `,
  )} ELSE ${column} END`;
}

const personName = (personnelId: SQL) => sql`(SELECT u.name FROM personnel p JOIN users u ON u.id = p.user_id WHERE p.id = ${personnelId})`;

/** The target's name by type; `k.tid` is the row's numeric target id (null when it is not one). */
const TARGET_NAME = sql`CASE a.target_type
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
END`;

export interface AuditNames {
  actorName: string | null;
  targetName: string | null;
}

/** The 操作人 and 对象 names of one page of audit rows, by audit id: one query whatever the page holds. */
export async function auditNames(db: Db, ids: number[]): Promise<Map<number, AuditNames>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string | number; actor_name: string | null; target_name: string | null }>(
    db,
    sql`SELECT a.id,
               coalesce(a.actor_name, (SELECT name FROM users WHERE id = a.actor_user_id)) AS actor_name,
               coalesce(${TARGET_NAME}, a.detail->'before'->>'name', a.detail->'after'->>'name', a.detail->>'name', a.detail->>'title') AS target_name
          FROM audit_logs a
          CROSS JOIN LATERAL (SELECT CASE WHEN a.target_id ~ '^[0-9]{1,9}$' THEN a.target_id::int END AS tid) k
         WHERE a.id = ANY(${`{${ids.map((i) => Math.trunc(i)).join(',')}}`}::bigint[])`,
  );
  return new Map(rows.map((r) => [Number(r.id), { actorName: r.actor_name, targetName: r.target_name }]));
}
