-- TRUNCATE fires no row trigger: without this statement trigger it would empty audit_logs past the append-only
-- guard of 0001 (UPDATE refused, DELETE only by the retention purge). TRUNCATE is refused always; the retention
-- purge deletes old rows one by one under its own setting.
CREATE OR REPLACE FUNCTION audit_logs_no_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs cannot be truncated';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_no_truncate();
