-- Audit rows are append-only: no UPDATE ever; DELETE only by the retention purge
-- (which sets app.audit_purge = 'on' in its transaction) and only of rows older than 180 days.
CREATE OR REPLACE FUNCTION audit_logs_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_logs is append-only';
  END IF;
  IF coalesce(current_setting('app.audit_purge', true), '') <> 'on' OR OLD.at > now() - interval '180 days' THEN
    RAISE EXCEPTION 'audit_logs rows cannot be deleted';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_logs_guard BEFORE UPDATE OR DELETE ON audit_logs FOR EACH ROW EXECUTE FUNCTION audit_logs_guard();
