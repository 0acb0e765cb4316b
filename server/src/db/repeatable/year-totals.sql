-- person_year_totals' copy of its person and its year's policy (docs/decisions.md, 2026-12-02 "已完成 pages"): the
-- person's org_id, city_hr_id and county_hr_id (themselves copied by regions.sql), created_at (the list's order),
-- person_active (status 'active': listed by 专技人员信息查询) and completed — hours_completed() of the row's hours under
-- hour_policies of its year (the completion rule, migration 0009; NULL for a year without a policy) — so the personnel
-- list's 已完成 filter reads one partial index (completed AND person_active) in the list's order. Kept true HERE, by
-- triggers, in the transaction of whatever changes an input: the ledger's totals (hours), 调转 / 更换上级部门 / 注册审核
-- (the person's organisation, keys, status), a policy change (every total of its year whose judgement flips). No
-- service writes these columns; a value a statement sets by hand is overwritten. Repeatable (db/repeatable.ts):
-- every statement idempotent; afterChange runs backfill_year_totals(), which recomputes every row whose copy differs.

CREATE OR REPLACE FUNCTION person_year_totals_set_copy()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  SELECT p.org_id, p.city_hr_id, p.county_hr_id, p.created_at, p.status = 'active'
    INTO NEW.org_id, NEW.city_hr_id, NEW.county_hr_id, NEW.person_created_at, NEW.person_active
    FROM personnel p WHERE p.id = NEW.personnel_id;
  NEW.person_active := coalesce(NEW.person_active, false);
  NEW.completed := (SELECT hours_completed(NEW.public_hours, NEW.professional_hours, hp.total_required, hp.public_min, hp.professional_min)
                      FROM hour_policies hp WHERE hp.year = NEW.year);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER person_year_totals_set_copy BEFORE INSERT OR UPDATE ON person_year_totals
  FOR EACH ROW EXECUTE FUNCTION person_year_totals_set_copy();
--> statement-breakpoint
-- A person whose organisation, keys or status changed takes their totals' copy along (each row's trigger recomputes).
CREATE OR REPLACE FUNCTION personnel_push_year_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE person_year_totals SET personnel_id = personnel_id WHERE personnel_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER personnel_push_year_totals AFTER UPDATE ON personnel
  FOR EACH ROW
  WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.city_hr_id IS DISTINCT FROM NEW.city_hr_id
        OR OLD.county_hr_id IS DISTINCT FROM NEW.county_hr_id OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION personnel_push_year_totals();
--> statement-breakpoint
-- A policy inserted, changed or deleted: the totals of its years whose 已完成 flips are re-judged (only those rows).
CREATE OR REPLACE FUNCTION hour_policies_push_year_totals()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE person_year_totals t SET year = t.year
   WHERE t.year IN (OLD.year, NEW.year)
     AND t.completed IS DISTINCT FROM (SELECT hours_completed(t.public_hours, t.professional_hours, hp.total_required, hp.public_min, hp.professional_min)
                                         FROM hour_policies hp WHERE hp.year = t.year);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER hour_policies_push_year_totals AFTER INSERT OR UPDATE OR DELETE ON hour_policies
  FOR EACH ROW EXECUTE FUNCTION hour_policies_push_year_totals();
--> statement-breakpoint
-- Recomputes every copy that differs from what the rules above give (a new database: nothing; a changed rule or an
-- existing database: those rows). The UPDATE re-sets a row's key to itself, so its trigger recomputes.
CREATE OR REPLACE FUNCTION backfill_year_totals()
 RETURNS void
 LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE person_year_totals t SET personnel_id = t.personnel_id
    FROM personnel p
   WHERE p.id = t.personnel_id
     AND ((t.org_id, t.city_hr_id, t.county_hr_id, t.person_created_at, t.person_active)
            IS DISTINCT FROM (p.org_id, p.city_hr_id, p.county_hr_id, p.created_at, p.status = 'active')
          OR t.completed IS DISTINCT FROM (SELECT hours_completed(t.public_hours, t.professional_hours, hp.total_required, hp.public_min, hp.professional_min)
                                             FROM hour_policies hp WHERE hp.year = t.year));
END
$$;
