CREATE TABLE "claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"personnel_id" integer NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"declaring_org_id" integer NOT NULL,
	"class_id" integer,
	"title" text NOT NULL,
	"subject_type" text NOT NULL,
	"learning_form" text NOT NULL,
	"hours" numeric(7, 1) NOT NULL,
	"score" text,
	"qualified" boolean DEFAULT true NOT NULL,
	"status" text NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reject_reason" text,
	"revoke_reason" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hour_policies" (
	"year" integer PRIMARY KEY NOT NULL,
	"total_required" numeric(7, 1) NOT NULL,
	"professional_min" numeric(7, 1) NOT NULL,
	"public_min" numeric(7, 1) NOT NULL,
	"closing_date" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "person_year_totals" (
	"personnel_id" integer NOT NULL,
	"year" integer NOT NULL,
	"public_hours" numeric(7, 1) DEFAULT 0 NOT NULL,
	"professional_hours" numeric(7, 1) DEFAULT 0 NOT NULL,
	CONSTRAINT "person_year_totals_personnel_id_year_pk" PRIMARY KEY("personnel_id","year")
);
--> statement-breakpoint
CREATE TABLE "recognition_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"learning_form" text NOT NULL,
	"hours_per_unit" numeric(7, 1) NOT NULL,
	"unit" text NOT NULL,
	"cap_per_year" numeric(7, 1),
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_declaring_org_id_organizations_id_fk" FOREIGN KEY ("declaring_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_policies" ADD CONSTRAINT "hour_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_year_totals" ADD CONSTRAINT "person_year_totals_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_rules" ADD CONSTRAINT "recognition_rules_year_hour_policies_year_fk" FOREIGN KEY ("year") REFERENCES "public"."hour_policies"("year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_person_year_idx" ON "claims" USING btree ("personnel_id","year");--> statement-breakpoint
CREATE INDEX "claims_status_year_idx" ON "claims" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "claims_declaring_idx" ON "claims" USING btree ("declaring_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_rules_year_form_uq" ON "recognition_rules" USING btree ("year","learning_form");