DROP INDEX "personnel_active_created_idx";--> statement-breakpoint
DROP INDEX "personnel_active_city_idx";--> statement-breakpoint
DROP INDEX "personnel_active_county_idx";--> statement-breakpoint
DROP INDEX "personnel_reviewed_idx";--> statement-breakpoint
DROP INDEX "personnel_reviewed_city_idx";--> statement-breakpoint
DROP INDEX "personnel_reviewed_county_idx";--> statement-breakpoint
CREATE INDEX "personnel_active_org_idx" ON "personnel" USING btree ("org_id","created_at","id","user_id","title_series","title_level") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_pending_idx" ON "personnel" USING btree ("created_at","id","org_id","user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "personnel_pending_city_idx" ON "personnel" USING btree ("city_hr_id","created_at","id","org_id","user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "personnel_pending_county_idx" ON "personnel" USING btree ("county_hr_id","created_at","id","org_id","user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "personnel_active_created_idx" ON "personnel" USING btree ("created_at","id","org_id","user_id","title_series","title_level") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_active_city_idx" ON "personnel" USING btree ("city_hr_id","created_at","id","org_id","user_id","title_series","title_level") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_active_county_idx" ON "personnel" USING btree ("county_hr_id","created_at","id","org_id","user_id","title_series","title_level") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_reviewed_idx" ON "personnel" USING btree ("reviewed_at","id","org_id","user_id") WHERE status IN ('active', 'rejected') AND reviewed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "personnel_reviewed_city_idx" ON "personnel" USING btree ("city_hr_id","reviewed_at","id","org_id","user_id") WHERE status IN ('active', 'rejected') AND reviewed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "personnel_reviewed_county_idx" ON "personnel" USING btree ("county_hr_id","reviewed_at","id","org_id","user_id") WHERE status IN ('active', 'rejected') AND reviewed_at IS NOT NULL;