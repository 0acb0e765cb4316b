CREATE TABLE "class_enrolments" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"personnel_id" integer NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "class_enrolments_status_check" CHECK ("status" IN ('enrolled', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "training_classes" ADD COLUMN "enrolled_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "class_enrolments" ADD CONSTRAINT "class_enrolments_class_id_training_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."training_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_enrolments" ADD CONSTRAINT "class_enrolments_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "class_enrolments_live_uq" ON "class_enrolments" USING btree ("class_id","personnel_id") WHERE status = 'enrolled';--> statement-breakpoint
CREATE INDEX "class_enrolments_person_idx" ON "class_enrolments" USING btree ("personnel_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "class_enrolments_class_idx" ON "class_enrolments" USING btree ("class_id","status","id");--> statement-breakpoint
CREATE INDEX "training_classes_catalogue_idx" ON "training_classes" USING btree ("year","start_date","id") WHERE status = 'approved';