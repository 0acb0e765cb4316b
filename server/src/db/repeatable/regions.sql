-- The jurisdiction as index keys (docs/decisions.md, 2026-12-01 "jurisdiction predicate"): every organisation,
-- person and claim carries the ids of the 市州 (city_hr_id) and 县区 (county_hr_id) HR departments whose subtree holds
-- it — an organisation from its own path (itself included), an audit row from its actor's path, a person from their
-- organisation (org_id), a claim from its declaring organisation (declaring_org_id), and a claim's person keys
-- (person_city_hr_id, person_county_hr_id: 学时审验 is by the person's unit) from its person — so lib/scope.ts
-- jurisdiction().region() is `county_hr_id = $1` and a city's or county's list is one index range in the page's order. Kept true HERE, by triggers, in the same
-- transaction as whatever moves a row (调转 changes personnel.org_id; 更换上级部门 rewrites a subtree's paths;
-- registration approval inserts or re-parents) — no service writes these columns, and a value a statement sets by
-- hand is overwritten. Repeatable (db/repeatable.ts): every statement idempotent, separated by breakpoint lines;
-- afterChange runs backfill_hr_regions(), which recomputes every row whose copy differs.

-- The 市州 and 县区 HR departments among a path's organisations (but `except_id`: an organisation's own row is judged
-- from its new version, not from the table).
CREATE OR REPLACE FUNCTION hr_region_of_path(org_path text, except_id integer, OUT city integer, OUT county integer)
 LANGUAGE plpgsql
 STABLE
AS $$
BEGIN
  IF org_path ~ '^(/[0-9]+)+/$' THEN
    SELECT max(o.id) FILTER (WHERE o.hr_level = 'city'), max(o.id) FILTER (WHERE o.hr_level = 'county')
      INTO city, county
      FROM organizations o
     WHERE o.type = 'hr' AND o.id IS DISTINCT FROM except_id AND o.id = ANY (string_to_array(trim(both '/' from org_path), '/')::int[]);
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION organizations_set_hr_region()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  SELECT r.city, r.county INTO NEW.city_hr_id, NEW.county_hr_id FROM hr_region_of_path(NEW.path, NEW.id) r;
  IF NEW.type = 'hr' AND NEW.hr_level = 'city' THEN NEW.city_hr_id := NEW.id; END IF;
  IF NEW.type = 'hr' AND NEW.hr_level = 'county' THEN NEW.county_hr_id := NEW.id; END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organizations_set_hr_region BEFORE INSERT OR UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION organizations_set_hr_region();
--> statement-breakpoint
-- An organisation that moved to another 市州/县区 takes its people and the claims it declared along.
CREATE OR REPLACE FUNCTION organizations_push_hr_region()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE personnel SET org_id = org_id WHERE org_id = NEW.id; -- (its row trigger below recomputes the copy)
  UPDATE claims SET declaring_org_id = declaring_org_id WHERE declaring_org_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER organizations_push_hr_region AFTER UPDATE ON organizations
  FOR EACH ROW
  WHEN (OLD.city_hr_id IS DISTINCT FROM NEW.city_hr_id OR OLD.county_hr_id IS DISTINCT FROM NEW.county_hr_id)
  EXECUTE FUNCTION organizations_push_hr_region();
--> statement-breakpoint
-- A person's and a claim's copy always comes from the organisation, on every insert and update.
CREATE OR REPLACE FUNCTION personnel_set_hr_region()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  SELECT o.city_hr_id, o.county_hr_id INTO NEW.city_hr_id, NEW.county_hr_id FROM organizations o WHERE o.id = NEW.org_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER personnel_set_hr_region BEFORE INSERT OR UPDATE ON personnel
  FOR EACH ROW EXECUTE FUNCTION personnel_set_hr_region();
--> statement-breakpoint
-- A person who moved to another 市州/县区 (调转, or their unit moved) takes their claims' person keys along.
CREATE OR REPLACE FUNCTION personnel_push_hr_region()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE claims SET personnel_id = personnel_id WHERE personnel_id = NEW.id; -- (its row trigger recomputes the copy)
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER personnel_push_hr_region AFTER UPDATE ON personnel
  FOR EACH ROW
  WHEN (OLD.city_hr_id IS DISTINCT FROM NEW.city_hr_id OR OLD.county_hr_id IS DISTINCT FROM NEW.county_hr_id)
  EXECUTE FUNCTION personnel_push_hr_region();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION claims_set_hr_region()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  SELECT o.city_hr_id, o.county_hr_id INTO NEW.city_hr_id, NEW.county_hr_id FROM organizations o WHERE o.id = NEW.declaring_org_id;
  SELECT p.city_hr_id, p.county_hr_id INTO NEW.person_city_hr_id, NEW.person_county_hr_id FROM personnel p WHERE p.id = NEW.personnel_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER claims_set_hr_region BEFORE INSERT OR UPDATE ON claims
  FOR EACH ROW EXECUTE FUNCTION claims_set_hr_region();
--> statement-breakpoint
-- An audit row's keys, from the actor's organisation path it was written with (a snapshot, never updated: audit_logs is
-- append-only; migration 0021 filled the rows written before, and backfill_hr_regions() leaves them alone).
CREATE OR REPLACE FUNCTION audit_logs_set_hr_region()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  SELECT r.city, r.county INTO NEW.actor_city_hr_id, NEW.actor_county_hr_id FROM hr_region_of_path(NEW.actor_org_path, NULL) r;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER audit_logs_set_hr_region BEFORE INSERT ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_logs_set_hr_region();
--> statement-breakpoint
-- Recomputes every copy that differs from what the rules above give (a new database: nothing; a changed rule or an
-- existing database: those rows). Each UPDATE re-sets a row's key column to itself, so the row's trigger recomputes.
CREATE OR REPLACE FUNCTION backfill_hr_regions()
 RETURNS void
 LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE organizations SET path = path;
  UPDATE personnel p SET org_id = p.org_id FROM organizations o
   WHERE o.id = p.org_id AND (p.city_hr_id, p.county_hr_id) IS DISTINCT FROM (o.city_hr_id, o.county_hr_id);
  UPDATE claims c SET declaring_org_id = c.declaring_org_id FROM organizations o
   WHERE o.id = c.declaring_org_id AND (c.city_hr_id, c.county_hr_id) IS DISTINCT FROM (o.city_hr_id, o.county_hr_id);
  UPDATE claims c SET personnel_id = c.personnel_id FROM personnel p
   WHERE p.id = c.personnel_id AND (c.person_city_hr_id, c.person_county_hr_id) IS DISTINCT FROM (p.city_hr_id, p.county_hr_id);
END
$$;
