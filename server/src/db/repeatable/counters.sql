-- 查询统计's counters (schema.ts: stat_org_personnel, stat_org_ledger, stat_org_claims): the ONE source of their
-- trigger functions, triggers and recount. Repeatable: db/repeatable.ts applies this file after the migrations,
-- in one transaction, whenever its content differs from what the database last applied (so an ordinary start does
-- nothing), and then runs recount_stat_counters() once, so the counters follow a changed rule (and an existing
-- database is backfilled by this same recount). Every statement must stay idempotent (CREATE OR REPLACE), each
-- separated by a breakpoint line; a function or trigger that goes away is dropped here (DROP … IF EXISTS), never by
-- a migration. Migration 0009 created the first versions; repeatable.test.ts checks that the database holds exactly
-- what this file defines and that no later migration redefines it.
--
-- Counters change only by adding deltas (INSERT … ON CONFLICT DO UPDATE) computed by statement-level triggers from
-- the statement's transition tables: old_rows count −1, new_rows +1; the delta source is chosen by TG_OP. Rows are
-- written in primary-key order and the tables always in the order stat_org_personnel → stat_org_claims →
-- stat_org_ledger (a claim's state changes before the totals it moves), so concurrent transactions take shared
-- counter rows in one order. GROUPING SETS write each organisation's roll-up row ('*' = every 职称) in the same
-- statement. 已完成 is judged by hours_completed() (migration 0009, the completion rule; ledger/completion-sql.ts).

-- The recount: each counter table's truth from personnel, person_year_totals, claims and hour_policies.
-- statistics/counters.ts compares the tables with these (counterDrift) and recount_stat_counters() replaces them.
CREATE OR REPLACE FUNCTION stat_org_personnel_recount()
 RETURNS SETOF stat_org_personnel
 LANGUAGE sql
 STABLE
AS $$
  SELECT org_id, coalesce(coalesce(title_series, ''), '*'), coalesce(coalesce(title_level, ''), '*'), count(*)::int
  FROM personnel WHERE status = 'active'
  GROUP BY GROUPING SETS ((coalesce(title_series, ''), org_id, coalesce(title_level, '')), (org_id))
$$;
--> statement-breakpoint
-- (the ledger's of the years given, or of every year: the policy trigger re-judges only the changed years)
CREATE OR REPLACE FUNCTION stat_org_ledger_recount(years integer[] DEFAULT NULL::integer[])
 RETURNS SETOF stat_org_ledger
 LANGUAGE sql
 STABLE
AS $$
  SELECT p.org_id, t.year, coalesce(coalesce(p.title_series, ''), '*'), count(*)::int,
    (count(*) FILTER (WHERE hours_completed(t.public_hours, t.professional_hours, hp.total_required, hp.public_min, hp.professional_min)))::int,
    sum(t.public_hours), sum(t.professional_hours)
  FROM person_year_totals t JOIN personnel p ON p.id = t.personnel_id AND p.status = 'active' LEFT JOIN hour_policies hp ON hp.year = t.year
  WHERE years IS NULL OR t.year = ANY (years)
  GROUP BY GROUPING SETS ((t.year, coalesce(p.title_series, ''), p.org_id), (t.year, p.org_id))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stat_org_claims_recount()
 RETURNS SETOF stat_org_claims
 LANGUAGE sql
 STABLE
AS $$
  SELECT p.org_id, c.year, c.status, c.learning_form, count(*)::int, sum(c.hours)
  FROM claims c JOIN personnel p ON p.id = c.personnel_id GROUP BY 1, 2, 3, 4
$$;
--> statement-breakpoint
-- Replaces every counter by its recount, the counter tables locked against concurrent deltas meanwhile (in the
-- order the triggers take them). Run by db/repeatable.ts when this file changes; statistics/counters.ts (repair).
CREATE OR REPLACE FUNCTION recount_stat_counters()
 RETURNS void
 LANGUAGE plpgsql
AS $$
BEGIN
  LOCK TABLE stat_org_personnel, stat_org_claims, stat_org_ledger IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM stat_org_personnel;
  INSERT INTO stat_org_personnel SELECT * FROM stat_org_personnel_recount();
  DELETE FROM stat_org_claims;
  INSERT INTO stat_org_claims SELECT * FROM stat_org_claims_recount();
  DELETE FROM stat_org_ledger;
  INSERT INTO stat_org_ledger SELECT * FROM stat_org_ledger_recount();
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stat_delta_source(op text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS n FROM new_rows r'
    WHEN 'DELETE' THEN 'SELECT r.*, -1 AS n FROM old_rows r'
    ELSE 'SELECT r.*, -1 AS n FROM old_rows r UNION ALL SELECT r.*, 1 AS n FROM new_rows r' END
$$;
--> statement-breakpoint
-- claims → stat_org_claims (under the person's current organisation, every state)
CREATE OR REPLACE FUNCTION stat_claims_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  -- the counter key is the person's organisation: hold it still until commit (a concurrent 调转 waits for us, or we
  -- wait for it and the next statement, with a fresh snapshot, sees where the person went)
  EXECUTE format('SELECT 1 FROM personnel WHERE id IN (SELECT d.personnel_id FROM (%s) d) ORDER BY id FOR SHARE', stat_delta_source(TG_OP));
  EXECUTE format($q$
    INSERT INTO stat_org_claims AS s (year, org_id, status, learning_form, claims, hours)
    SELECT d.year, p.org_id, d.status, d.learning_form, sum(d.n)::int, sum(d.n * d.hours)
    FROM (%s) d JOIN personnel p ON p.id = d.personnel_id
    GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0 OR sum(d.n * d.hours) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (year, org_id, status, learning_form) DO UPDATE SET claims = s.claims + excluded.claims, hours = s.hours + excluded.hours
  $q$, stat_delta_source(TG_OP));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- person_year_totals → stat_org_ledger (active personnel only; 已完成 judged by the year's policy)
CREATE OR REPLACE FUNCTION stat_totals_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  -- hold still what the delta depends on: the persons' organisation/status/series and the years' policies (a
  -- concurrent 调转 or policy change waits for this transaction, or this waits for it and then sees its result)
  EXECUTE format('SELECT 1 FROM personnel WHERE id IN (SELECT d.personnel_id FROM (%s) d) ORDER BY id FOR SHARE', stat_delta_source(TG_OP));
  EXECUTE format('SELECT 1 FROM hour_policies WHERE year IN (SELECT d.year FROM (%s) d) ORDER BY year FOR SHARE', stat_delta_source(TG_OP));
  EXECUTE format($q$
    INSERT INTO stat_org_ledger AS s (year, title_series, org_id, persons, completed, public_hours, professional_hours)
    SELECT d.year, coalesce(coalesce(p.title_series, ''), '*'), p.org_id, sum(d.n)::int,
      sum(d.n * hours_completed(d.public_hours, d.professional_hours, hp.total_required, hp.public_min, hp.professional_min)::int)::int,
      sum(d.n * d.public_hours), sum(d.n * d.professional_hours)
    FROM (%s) d JOIN personnel p ON p.id = d.personnel_id AND p.status = 'active' LEFT JOIN hour_policies hp ON hp.year = d.year
    GROUP BY GROUPING SETS ((d.year, coalesce(p.title_series, ''), p.org_id), (d.year, p.org_id))
    HAVING sum(d.n) <> 0 OR sum(d.n * d.public_hours) <> 0 OR sum(d.n * d.professional_hours) <> 0
      OR sum(d.n * hours_completed(d.public_hours, d.professional_hours, hp.total_required, hp.public_min, hp.professional_min)::int) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (year, title_series, org_id) DO UPDATE SET persons = s.persons + excluded.persons, completed = s.completed + excluded.completed,
      public_hours = s.public_hours + excluded.public_hours, professional_hours = s.professional_hours + excluded.professional_hours
  $q$, stat_delta_source(TG_OP));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- personnel → stat_org_personnel; and when a person's organisation, status or 职称系列 changes (调转, 审核, 职称变更),
-- their claims and ledger rows move with them.
CREATE OR REPLACE FUNCTION stat_personnel_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- the policies of the moved totals' years stay as they are until commit (see stat_totals_trg)
    PERFORM 1 FROM hour_policies WHERE year IN (
      SELECT t.year FROM person_year_totals t JOIN new_rows w ON w.id = t.personnel_id JOIN old_rows o ON o.id = w.id
      WHERE (o.org_id, o.status, o.title_series) IS DISTINCT FROM (w.org_id, w.status, w.title_series)
    ) ORDER BY year FOR SHARE;
  END IF;
  EXECUTE format($q$
    INSERT INTO stat_org_personnel AS s (title_series, org_id, title_level, persons)
    SELECT coalesce(coalesce(d.title_series, ''), '*'), d.org_id, coalesce(coalesce(d.title_level, ''), '*'), sum(d.n)::int
    FROM (%s) d WHERE d.status = 'active'
    GROUP BY GROUPING SETS ((coalesce(d.title_series, ''), d.org_id, coalesce(d.title_level, '')), (d.org_id))
    HAVING sum(d.n) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (title_series, org_id, title_level) DO UPDATE SET persons = s.persons + excluded.persons
  $q$, stat_delta_source(TG_OP));
  IF TG_OP <> 'UPDATE' THEN
    RETURN NULL; -- a person inserted or deleted has no totals or claims (foreign keys)
  END IF;
  INSERT INTO stat_org_claims AS s (year, org_id, status, learning_form, claims, hours)
  SELECT c.year, d.org_id, c.status, c.learning_form, sum(d.n)::int, sum(d.n * c.hours)
  FROM (
    SELECT o.id, o.org_id, -1 AS n FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE o.org_id <> w.org_id
    UNION ALL
    SELECT w.id, w.org_id, 1 FROM new_rows w JOIN old_rows o ON o.id = w.id WHERE o.org_id <> w.org_id
  ) d JOIN claims c ON c.personnel_id = d.id
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (year, org_id, status, learning_form) DO UPDATE SET claims = s.claims + excluded.claims, hours = s.hours + excluded.hours;
  INSERT INTO stat_org_ledger AS s (year, title_series, org_id, persons, completed, public_hours, professional_hours)
  SELECT t.year, coalesce(d.title_series, '*'), d.org_id, sum(d.n)::int,
    sum(d.n * hours_completed(t.public_hours, t.professional_hours, hp.total_required, hp.public_min, hp.professional_min)::int)::int,
    sum(d.n * t.public_hours), sum(d.n * t.professional_hours)
  FROM (
    SELECT o.id, o.org_id, coalesce(o.title_series, '') AS title_series, -1 AS n FROM old_rows o JOIN new_rows w ON w.id = o.id
    WHERE o.status = 'active' AND (o.org_id, o.status, o.title_series) IS DISTINCT FROM (w.org_id, w.status, w.title_series)
    UNION ALL
    SELECT w.id, w.org_id, coalesce(w.title_series, ''), 1 FROM new_rows w JOIN old_rows o ON o.id = w.id
    WHERE w.status = 'active' AND (o.org_id, o.status, o.title_series) IS DISTINCT FROM (w.org_id, w.status, w.title_series)
  ) d JOIN person_year_totals t ON t.personnel_id = d.id LEFT JOIN hour_policies hp ON hp.year = t.year
  GROUP BY GROUPING SETS ((t.year, d.title_series, d.org_id), (t.year, d.org_id))
  HAVING sum(d.n) <> 0 OR sum(d.n * t.public_hours) <> 0 OR sum(d.n * t.professional_hours) <> 0
    OR sum(d.n * hours_completed(t.public_hours, t.professional_hours, hp.total_required, hp.public_min, hp.professional_min)::int) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (year, title_series, org_id) DO UPDATE SET persons = s.persons + excluded.persons, completed = s.completed + excluded.completed,
    public_hours = s.public_hours + excluded.public_hours, professional_hours = s.professional_hours + excluded.professional_hours;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- hour_policies → re-judge 已完成 for the years inserted, changed or deleted (a year without a policy completes
-- nobody), from the recount of those years. Every transaction that writes ledger counters holds its years' policy
-- rows FOR SHARE until commit, so an UPDATE or DELETE here has waited for them (and later ones wait for this): the
-- recount, with a fresh snapshot, sees every committed total and no delta is lost. A new year's policy has no row
-- to wait on, so an INSERT locks the ledger counters against writers instead.
CREATE OR REPLACE FUNCTION stat_policy_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
DECLARE years int[];
BEGIN
  EXECUTE format('SELECT array_agg(DISTINCT d.year) FROM (%s) d', stat_delta_source(TG_OP)) INTO years;
  IF TG_OP = 'INSERT' THEN
    LOCK TABLE stat_org_ledger IN SHARE ROW EXCLUSIVE MODE;
  END IF;
  UPDATE stat_org_ledger SET completed = 0 WHERE year = ANY (years) AND completed <> 0;
  INSERT INTO stat_org_ledger AS s (year, title_series, org_id, completed)
  SELECT r.year, r.title_series, r.org_id, r.completed FROM stat_org_ledger_recount(coalesce(years, '{}')) r ORDER BY 1, 2, 3
  ON CONFLICT (year, title_series, org_id) DO UPDATE SET completed = excluded.completed;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_claims_ins AFTER INSERT ON claims REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_claims_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_claims_upd AFTER UPDATE ON claims REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_claims_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_claims_del AFTER DELETE ON claims REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_claims_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_totals_ins AFTER INSERT ON person_year_totals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_totals_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_totals_upd AFTER UPDATE ON person_year_totals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_totals_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_totals_del AFTER DELETE ON person_year_totals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_totals_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_personnel_ins AFTER INSERT ON personnel REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_personnel_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_personnel_upd AFTER UPDATE ON personnel REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_personnel_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_personnel_del AFTER DELETE ON personnel REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_personnel_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_policy_ins AFTER INSERT ON hour_policies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_policy_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_policy_upd AFTER UPDATE ON hour_policies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_policy_trg();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER stat_policy_del AFTER DELETE ON hour_policies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_policy_trg();
