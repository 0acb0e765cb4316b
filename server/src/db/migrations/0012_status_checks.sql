ALTER TABLE "annual_docs" ADD CONSTRAINT "annual_docs_kind_check" CHECK ("kind" IN ('plan', 'summary'));--> statement-breakpoint
ALTER TABLE "annual_docs" ADD CONSTRAINT "annual_docs_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected'));--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_kind_check" CHECK ("kind" IN ('title', 'org_info', 'reparent'));--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected'));--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_reviewer_decision_check" CHECK ("reviewer_decision" IN ('approve', 'reject'));--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_second_decision_check" CHECK ("second_decision" IN ('approve', 'reject'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_source_check" CHECK ("source" IN ('personal', 'employer', 'base'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_subject_type_check" CHECK ("subject_type" IN ('public', 'professional'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_learning_form_check" CHECK ("learning_form" IN ('faceToFace', 'online', 'blended', 'conference', 'furtherStudy', 'other'));--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_status_check" CHECK ("status" IN ('pendingEmployer', 'pending', 'approved', 'rejected', 'revoked', 'deleted'));--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_kind_check" CHECK ("kind" IN ('personnel'));--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_status_check" CHECK ("status" IN ('queued', 'running', 'done', 'failed'));--> statement-breakpoint
ALTER TABLE "material_files" ADD CONSTRAINT "material_files_category_check" CHECK ("category" IN ('guide', 'notice', 'summary', 'other'));--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_status_check" CHECK ("status" IN ('draft', 'submitted'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_type_check" CHECK ("type" IN ('hr', 'authority', 'employer', 'base'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_hr_level_check" CHECK ("hr_level" IN ('province', 'city', 'county'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_status_check" CHECK ("status" IN ('pending', 'active', 'rejected', 'disabled'));--> statement-breakpoint
ALTER TABLE "personnel" ADD CONSTRAINT "personnel_status_check" CHECK ("status" IN ('pending', 'active', 'rejected'));--> statement-breakpoint
ALTER TABLE "recognition_rules" ADD CONSTRAINT "recognition_rules_learning_form_check" CHECK ("learning_form" IN ('faceToFace', 'online', 'blended', 'conference', 'furtherStudy', 'other'));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_login_type_check" CHECK ("login_type" IN ('hr', 'authority', 'employer', 'base', 'personnel'));--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_subject_type_check" CHECK ("subject_type" IN ('public', 'professional'));--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_learning_form_check" CHECK ("learning_form" IN ('faceToFace', 'online', 'blended', 'conference', 'furtherStudy', 'other'));--> statement-breakpoint
ALTER TABLE "training_classes" ADD CONSTRAINT "training_classes_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_status_check" CHECK ("status" IN ('pending', 'confirmed', 'refused', 'cancelled'));