DROP INDEX "personnel_reviewed_idx";--> statement-breakpoint
DROP INDEX "personnel_reviewed_city_idx";--> statement-breakpoint
DROP INDEX "personnel_reviewed_county_idx";--> statement-breakpoint
CREATE INDEX "personnel_active_org_idx" ON "personnel" USING btree ("org_id","created_at","id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_active_series_idx" ON "personnel" USING btree ("title_series","created_at","id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_pending_idx" ON "personnel" USING btree ("created_at","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "personnel_pending_city_idx" ON "personnel" USING btree ("city_hr_id","created_at","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "personnel_pending_county_idx" ON "personnel" USING btree ("county_hr_id","created_at","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "personnel_reviewed_idx" ON "personnel" USING btree ("reviewed_at","id") WHERE status IN ('active', 'rejected') AND reviewed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "personnel_reviewed_city_idx" ON "personnel" USING btree ("city_hr_id","reviewed_at","id") WHERE status IN ('active', 'rejected') AND reviewed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "personnel_reviewed_county_idx" ON "personnel" USING btree ("county_hr_id","reviewed_at","id") WHERE status IN ('active', 'rejected') AND reviewed_at IS NOT NULL;