CREATE TABLE "export_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"route" text NOT NULL,
	"params" jsonb NOT NULL,
	"query" jsonb NOT NULL,
	"format" text NOT NULL,
	"title" text NOT NULL,
	"user_id" integer NOT NULL,
	"admin_id" integer,
	"personnel_id" integer,
	"login_type" text NOT NULL,
	"org_id" integer NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer,
	"processed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"file" text,
	"file_size" bigint,
	"locked_by" text,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	CONSTRAINT "export_jobs_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'failed', 'expired')),
	CONSTRAINT "export_jobs_format_check" CHECK ("format" IN ('xlsx', 'csv')),
	CONSTRAINT "export_jobs_login_type_check" CHECK ("login_type" IN ('hr', 'authority', 'employer', 'base', 'personnel'))
);
--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_admin_id_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."admins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_jobs_user_idx" ON "export_jobs" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "export_jobs_live_idx" ON "export_jobs" USING btree ("id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "export_jobs_expires_idx" ON "export_jobs" USING btree ("expires_at") WHERE status = 'done';