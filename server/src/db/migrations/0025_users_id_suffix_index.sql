-- 专技人员信息查询 by part of the 证件号 (docs/decisions.md, 2026-12-02): the last 4 characters, matched on the stored
-- masked copy every list shows already (no new exposure, no backfill: every row has it).
CREATE INDEX "users_id_suffix_idx" ON "users" USING btree (right("id_number_masked", 4));
