-- The 学时审核 queue walks claims of one status/source/year newest first; the scope (declaring organisation) and
-- the common filters are in the index, so a page stops after 20 matches and the count is an index-only scan.
CREATE INDEX IF NOT EXISTS "claims_queue_idx" ON "claims" USING btree ("status", "source", "year", "id" DESC)
  INCLUDE ("declaring_org_id", "subject_type", "learning_form", "flagged", "personnel_id");
--> statement-breakpoint
-- A narrow jurisdiction (one county's bases) seeks by declaring organisation instead of walking the whole range.
CREATE INDEX IF NOT EXISTS "claims_queue_org_idx" ON "claims" USING btree ("status", "source", "year", "declaring_org_id", "id" DESC)
  INCLUDE ("subject_type", "learning_form", "flagged", "personnel_id");
