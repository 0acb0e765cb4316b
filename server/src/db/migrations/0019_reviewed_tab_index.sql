DROP INDEX "claims_reviewed_idx";--> statement-breakpoint
DROP INDEX "claims_reviewed_city_idx";--> statement-breakpoint
DROP INDEX "claims_reviewed_county_idx";--> statement-breakpoint
CREATE INDEX "claims_reviewed_idx" ON "claims" USING btree ("source","id","personnel_id") WHERE status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_reviewed_city_idx" ON "claims" USING btree ("source","city_hr_id","id","personnel_id") WHERE status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX "claims_reviewed_county_idx" ON "claims" USING btree ("source","county_hr_id","id","personnel_id") WHERE status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL;--> statement-breakpoint
-- Migration 0007's queue indexes (status, source, year, id DESC …) served the path-prefix jurisdiction join that
-- lib/scope.ts no longer writes: every 学时审核 list now reads the partial indexes by jurisdiction key above (the
-- scale bench's 学时审核 pages at 3M/30M are measured without these two), and they cost ~300 MB per 2M claims and a
-- write on every state change.
DROP INDEX IF EXISTS "claims_queue_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "claims_queue_org_idx";
