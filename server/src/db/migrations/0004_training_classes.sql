CREATE TABLE "training_classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"base_org_id" integer NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"subject_type" text NOT NULL,
	"learning_form" text NOT NULL,
	"hours" numeric(7, 1) NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"place" text NOT NULL,
	"capacity" integer NOT NULL,
	"target_series" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_base_org_id_organizations_id_fk" FOREIGN KEY ("base_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_classes_base_idx" ON "training_classes" USING btree ("base_org_id","year");--> statement-breakpoint
CREATE INDEX "training_classes_status_idx" ON "training_classes" USING btree ("status");