-- 专技人员信息查询's 已完成 pages as an index range (docs/decisions.md, 2026-12-02): each person-year total carries its
-- person's organisation, jurisdiction keys, list order (created_at), listed-ness (status 'active') and 已完成 under
-- the year's policy, so the completed persons of a county, a city or the province are one partial index in the list's
-- order (page 500 at 3M/30M: 111 / 371 / 337 ms by testing every listed person's totals). Kept true by
-- db/repeatable/year-totals.sql; filled here once for the rows already there, with the counters' statement triggers
-- off for this one statement (no hours change: their deltas would be zero).
ALTER TABLE "person_year_totals" ADD COLUMN "org_id" integer;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "city_hr_id" integer;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "county_hr_id" integer;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "person_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "person_active" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD COLUMN "completed" boolean;--> statement-breakpoint
ALTER TABLE "person_year_totals" DISABLE TRIGGER USER;--> statement-breakpoint
UPDATE person_year_totals t
   SET org_id = p.org_id, city_hr_id = p.city_hr_id, county_hr_id = p.county_hr_id, person_created_at = p.created_at,
       person_active = (p.status = 'active'),
       completed = (SELECT hours_completed(t.public_hours, t.professional_hours, hp.total_required, hp.public_min, hp.professional_min)
                      FROM hour_policies hp WHERE hp.year = t.year)
  FROM personnel p WHERE p.id = t.personnel_id;--> statement-breakpoint
ALTER TABLE "person_year_totals" ENABLE TRIGGER USER;--> statement-breakpoint
CREATE INDEX "person_year_totals_completed_idx" ON "person_year_totals" USING btree ("year","person_created_at","personnel_id") WHERE completed AND person_active;--> statement-breakpoint
CREATE INDEX "person_year_totals_completed_city_idx" ON "person_year_totals" USING btree ("year","city_hr_id","person_created_at","personnel_id") WHERE completed AND person_active;--> statement-breakpoint
CREATE INDEX "person_year_totals_completed_county_idx" ON "person_year_totals" USING btree ("year","county_hr_id","person_created_at","personnel_id") WHERE completed AND person_active;