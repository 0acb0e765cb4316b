ALTER TABLE "claims" DROP CONSTRAINT "claims_status_check";--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "activity_start" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "activity_end" text;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_status_check" CHECK ("status" IN ('pendingEmployer', 'pending', 'approved', 'rejected', 'revoked', 'deleted', 'withdrawn'));