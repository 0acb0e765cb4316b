CREATE TABLE "plan_claim_counts" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"city_hr_id" integer,
	"county_hr_id" integer,
	"pending" integer DEFAULT 0 NOT NULL,
	"reviewed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "plan_claim_counts_pending_idx" ON "plan_claim_counts" USING btree ("class_id") WHERE pending > 0;--> statement-breakpoint
CREATE INDEX "plan_claim_counts_pending_city_idx" ON "plan_claim_counts" USING btree ("city_hr_id","class_id") WHERE pending > 0;--> statement-breakpoint
CREATE INDEX "plan_claim_counts_pending_county_idx" ON "plan_claim_counts" USING btree ("county_hr_id","class_id") WHERE pending > 0;--> statement-breakpoint
CREATE INDEX "plan_claim_counts_reviewed_idx" ON "plan_claim_counts" USING btree ("class_id") WHERE reviewed > 0;--> statement-breakpoint
CREATE INDEX "plan_claim_counts_reviewed_city_idx" ON "plan_claim_counts" USING btree ("city_hr_id","class_id") WHERE reviewed > 0;--> statement-breakpoint
CREATE INDEX "plan_claim_counts_reviewed_county_idx" ON "plan_claim_counts" USING btree ("county_hr_id","class_id") WHERE reviewed > 0;