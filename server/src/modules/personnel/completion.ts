/**
 * 完成情况 as a filter of the personnel list: the ledger's one SQL form of completion() (ledger/completion-sql.ts),
 * or its negation, for the person's totals of `year`. A correlated lookup by primary key (person, year) per row the
 * list's order index yields — not a join, which at province size would read every person's totals of the year to
 * hash them (docs/decisions.md, 2026-12-01). No row = 0 hours, judged like any other total.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { HourPolicy } from '@hbzsgx/domain';
import { personYearTotals } from '../../db/schema.js';
import { completedSql } from '../ledger/completion-sql.js';

const own = alias(personYearTotals, 'own_year');

export function completedWhere(policy: HourPolicy, completed: boolean, person: { id: AnyColumn; year: number }): SQL {
  const met = sql`coalesce((SELECT ${completedSql(policy, own)} FROM person_year_totals own_year WHERE ${own.personnelId} = ${person.id} AND ${own.year} = ${person.year}),
    ${completedSql(policy, { publicHours: sql`0`, professionalHours: sql`0` })})`;
  return completed ? met : sql`not ${met}`;
}
