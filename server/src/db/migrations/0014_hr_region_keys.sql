ALTER TABLE "claims" ADD COLUMN "city_hr_id" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "county_hr_id" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "city_hr_id" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "county_hr_id" integer;--> statement-breakpoint
ALTER TABLE "personnel" ADD COLUMN "city_hr_id" integer;--> statement-breakpoint
ALTER TABLE "personnel" ADD COLUMN "county_hr_id" integer;--> statement-breakpoint
CREATE INDEX "claims_pending_idx" ON "claims" USING btree ("source","id","personnel_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "claims_pending_city_idx" ON "claims" USING btree ("source","city_hr_id","id","personnel_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "claims_pending_county_idx" ON "claims" USING btree ("source","county_hr_id","id","personnel_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "claims_reviewed_idx" ON "claims" USING btree ("source","id","personnel_id") WHERE reviewed_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_reviewed_city_idx" ON "claims" USING btree ("source","city_hr_id","id","personnel_id") WHERE reviewed_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_reviewed_county_idx" ON "claims" USING btree ("source","county_hr_id","id","personnel_id") WHERE reviewed_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX "organizations_city_hr_idx" ON "organizations" USING btree ("city_hr_id");--> statement-breakpoint
CREATE INDEX "organizations_county_hr_idx" ON "organizations" USING btree ("county_hr_id");--> statement-breakpoint
CREATE INDEX "personnel_active_created_idx" ON "personnel" USING btree ("created_at","id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_active_city_idx" ON "personnel" USING btree ("city_hr_id","created_at","id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_active_county_idx" ON "personnel" USING btree ("county_hr_id","created_at","id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "personnel_reviewed_idx" ON "personnel" USING btree ("reviewed_at","id") WHERE reviewed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "personnel_reviewed_city_idx" ON "personnel" USING btree ("city_hr_id","reviewed_at","id") WHERE reviewed_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "personnel_reviewed_county_idx" ON "personnel" USING btree ("county_hr_id","reviewed_at","id") WHERE reviewed_at IS NOT NULL;