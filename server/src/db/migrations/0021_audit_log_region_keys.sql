-- 审计日志 by jurisdiction key (docs/decisions.md, 2026-12-02): each audit row carries the ids of the 市州 and 县区 HR
-- departments on its actor_org_path, so a city's or county's log is one index range newest first instead of a path
-- prefix over every row (county page 500: 352 ms at 3M/30M). The path is a snapshot taken when the row was written;
-- so are these keys: set on insert by db/repeatable/regions.sql (audit_logs_set_hr_region), filled here once for the
-- rows already written. audit_logs is append-only (migration 0001's guard): the guard is off for this one statement.
DROP INDEX "audit_logs_org_path_idx";--> statement-breakpoint
ALTER TABLE "audit_logs" ADD COLUMN "actor_city_hr_id" integer;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD COLUMN "actor_county_hr_id" integer;--> statement-breakpoint
ALTER TABLE "audit_logs" DISABLE TRIGGER "audit_logs_guard";--> statement-breakpoint
WITH paths AS (
  SELECT DISTINCT actor_org_path AS path FROM audit_logs WHERE actor_org_path ~ '^(/[0-9]+)+/$'
), keys AS (
  SELECT p.path, max(o.id) FILTER (WHERE o.hr_level = 'city') AS city, max(o.id) FILTER (WHERE o.hr_level = 'county') AS county
    FROM paths p JOIN organizations o ON o.type = 'hr' AND o.id = ANY (string_to_array(trim(both '/' from p.path), '/')::int[])
   GROUP BY p.path
)
UPDATE audit_logs a SET actor_city_hr_id = k.city, actor_county_hr_id = k.county
  FROM keys k WHERE a.actor_org_path = k.path AND (k.city IS NOT NULL OR k.county IS NOT NULL);--> statement-breakpoint
ALTER TABLE "audit_logs" ENABLE TRIGGER "audit_logs_guard";--> statement-breakpoint
CREATE INDEX "audit_logs_city_idx" ON "audit_logs" USING btree ("actor_city_hr_id","id") WHERE actor_city_hr_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_logs_county_idx" ON "audit_logs" USING btree ("actor_county_hr_id","id") WHERE actor_county_hr_id IS NOT NULL;
