-- 单位培训学时审核 by plan (server/src/modules/claim-review/class-queue.ts): plan_claim_counts holds, per unit training
-- plan, its employer claims waiting (status pending) and decided by a reviewer (approved/rejected/revoked with a
-- reviewer: the 已审核 tab's rule), with the claims' jurisdiction keys (every claim of a plan has the plan's declaring
-- organisation, so the same keys). Kept here in the same transaction as every claim change; nothing else writes it.
CREATE OR REPLACE FUNCTION plan_claims_count()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
DECLARE
  old_p integer := 0;
  old_r integer := 0;
  new_p integer := 0;
  new_r integer := 0;
  old_in boolean := TG_OP <> 'INSERT' AND OLD.source = 'employer' AND OLD.class_id IS NOT NULL;
  new_in boolean := TG_OP <> 'DELETE' AND NEW.source = 'employer' AND NEW.class_id IS NOT NULL;
BEGIN
  IF old_in THEN
    old_p := (OLD.status = 'pending')::integer;
    old_r := (OLD.status IN ('approved', 'rejected', 'revoked') AND OLD.reviewed_by IS NOT NULL)::integer;
  END IF;
  IF new_in THEN
    new_p := (NEW.status = 'pending')::integer;
    new_r := (NEW.status IN ('approved', 'rejected', 'revoked') AND NEW.reviewed_by IS NOT NULL)::integer;
  END IF;
  -- nothing this table counts changed (the usual UPDATE of a claim: a score, a reason)
  IF TG_OP = 'UPDATE' AND old_in = new_in AND OLD.class_id IS NOT DISTINCT FROM NEW.class_id AND old_p = new_p AND old_r = new_r
     AND OLD.city_hr_id IS NOT DISTINCT FROM NEW.city_hr_id AND OLD.county_hr_id IS NOT DISTINCT FROM NEW.county_hr_id THEN
    RETURN NULL;
  END IF;
  IF old_in AND (old_p <> 0 OR old_r <> 0) THEN
    UPDATE plan_claim_counts SET pending = pending - old_p, reviewed = reviewed - old_r WHERE class_id = OLD.class_id;
  END IF;
  IF new_in THEN
    INSERT INTO plan_claim_counts AS t (class_id, city_hr_id, county_hr_id, pending, reviewed)
    VALUES (NEW.class_id, NEW.city_hr_id, NEW.county_hr_id, new_p, new_r)
    ON CONFLICT (class_id) DO UPDATE
      SET pending = t.pending + EXCLUDED.pending, reviewed = t.reviewed + EXCLUDED.reviewed,
          city_hr_id = EXCLUDED.city_hr_id, county_hr_id = EXCLUDED.county_hr_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER plan_claims_count AFTER INSERT OR UPDATE OR DELETE ON claims
  FOR EACH ROW EXECUTE FUNCTION plan_claims_count();
--> statement-breakpoint
-- The counts from the claims themselves (a new definition, a bulk load with triggers off, a repair).
CREATE OR REPLACE FUNCTION recount_plan_claims()
 RETURNS void
 LANGUAGE sql
AS $$
  DELETE FROM plan_claim_counts;
  INSERT INTO plan_claim_counts (class_id, city_hr_id, county_hr_id, pending, reviewed)
  SELECT class_id, max(city_hr_id), max(county_hr_id),
         count(*) FILTER (WHERE status = 'pending'),
         count(*) FILTER (WHERE status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL)
    FROM claims WHERE source = 'employer' AND class_id IS NOT NULL GROUP BY class_id;
$$;
