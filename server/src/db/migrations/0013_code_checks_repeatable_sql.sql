CREATE TABLE "repeatable_sql" (
	"name" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_result_check" CHECK ("result" IN ('success', 'failure', 'denied'));--> statement-breakpoint
ALTER TABLE "certificate_verifications" ADD CONSTRAINT "certificate_verifications_result_check" CHECK ("result" IN ('valid', 'revoked', 'changed', 'not_found', 'malformed'));--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_kind_check" CHECK ("kind" IN ('pdf', 'doc', 'xls', 'docx', 'xlsx', 'csv', 'jpg', 'png'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_id_type_check" CHECK ("id_type" IN ('resident', 'passport', 'hkMacao', 'taiwan'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_gender_check" CHECK ("gender" IN ('male', 'female'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_status_check" CHECK ("status" IN ('active', 'disabled'));