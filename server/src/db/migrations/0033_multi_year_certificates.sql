CREATE TABLE "multi_year_certificates" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"personnel_id" integer NOT NULL,
	"from_year" integer NOT NULL,
	"to_year" integer NOT NULL,
	"issuer_org_id" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"issued_by" integer,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "certificate_verifications" ADD COLUMN "multi_year_certificate_id" integer;--> statement-breakpoint
ALTER TABLE "multi_year_certificates" ADD CONSTRAINT "multi_year_certificates_personnel_id_personnel_id_fk" FOREIGN KEY ("personnel_id") REFERENCES "public"."personnel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multi_year_certificates" ADD CONSTRAINT "multi_year_certificates_issuer_org_id_organizations_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multi_year_certificates" ADD CONSTRAINT "multi_year_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "multi_year_certificates_code_uq" ON "multi_year_certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "multi_year_certificates_live_uq" ON "multi_year_certificates" USING btree ("personnel_id","from_year","to_year") WHERE revoked_at is null;