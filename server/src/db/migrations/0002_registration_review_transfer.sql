CREATE TABLE "change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"org_id" integer NOT NULL,
	"personnel_id" integer,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewer_org_id" integer NOT NULL,
	"reviewer_decision" text,
	"second_reviewer_org_id" integer,
	"second_decision" text,
	"reject_reason" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"personnel_id" integer NOT NULL,
	"from_org_id" integer NOT NULL,
	"from_department_id" integer,
	"to_org_id" integer NOT NULL,
	"to_department_id" integer,
	"reason" text NOT NULL,
	"transfer_date" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"refuse_reason" text,
	"created_by" integer NOT NULL,
	"decided_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reviewed_by" integer;--> statement-breakpoint
ALTER TABLE "personnel" ADD COLUMN "title_name" text;--> statement-breakpoint
ALTER TABLE "personnel" ADD COLUMN "title_date" text;--> statement-breakpoint
ALTER TABLE "personnel" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "personnel" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "personnel" ADD COLUMN "reviewed_by" integer;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_reviewer_org_id_organizations_id_fk" FOREIGN KEY ("reviewer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_second_reviewer_org_id_organizations_id_fk" FOREIGN KEY ("second_reviewer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_org_id_organizations_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_org_id_organizations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_requests_reviewer_idx" ON "change_requests" USING btree ("reviewer_org_id","status");--> statement-breakpoint
CREATE INDEX "change_requests_second_idx" ON "change_requests" USING btree ("second_reviewer_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_open_person_uq" ON "change_requests" USING btree ("personnel_id","kind") WHERE status = 'pending' and personnel_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_open_org_uq" ON "change_requests" USING btree ("org_id","kind") WHERE status = 'pending' and personnel_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_open_uq" ON "transfers" USING btree ("personnel_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "transfers_to_idx" ON "transfers" USING btree ("to_org_id","status");--> statement-breakpoint
CREATE INDEX "transfers_from_idx" ON "transfers" USING btree ("from_org_id");--> statement-breakpoint
CREATE INDEX "organizations_status_idx" ON "organizations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "personnel_status_idx" ON "personnel" USING btree ("status");