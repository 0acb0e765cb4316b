ALTER TABLE "claims" ADD COLUMN "person_city_hr_id" integer;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "person_county_hr_id" integer;--> statement-breakpoint
CREATE INDEX "claims_approved_person_city_idx" ON "claims" USING btree ("person_city_hr_id","id") WHERE status = 'approved';