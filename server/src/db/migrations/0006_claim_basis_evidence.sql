ALTER TABLE "claims" ADD COLUMN "basis" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "evidence_file_id" integer;