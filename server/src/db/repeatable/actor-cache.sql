-- The actor cache's invalidations (plugins/actor-cache.ts; docs/decisions.md, 2026-12-02 "per-process actor cache").
-- Every server process keeps the actors of the sessions it serves in memory and LISTENs on the channel
-- `actor_cache`; these triggers NOTIFY it, in the same transaction as every change to a row an actor is built from
-- (NOTIFY is transactional: delivered at commit, never for a rollback), whoever writes — a service, the import
-- worker, a seed, psql. The payload names what changed as keys, comma-separated:
--   s:<session id>  u:<user id>  a:<admin id>  o:<organisation id>  p:<personnel id>  r:<role id>
-- or '*' (drop every cached actor) when a statement changed more than 200 of them or the list would not fit a
-- payload (8000 bytes). Only the columns plugins/access.ts reads to build an actor (ACTOR_INPUTS) count;
-- actor-cache.test.ts checks that each of them is watched here. sessions.last_seen_at is not watched: the cache
-- enforces the idle timeout itself. Inserts need no notification (no cached actor refers to a new row) except
-- admin_roles (a role granted to a seat). Statement-level (one notification per statement and key set; PostgreSQL
-- folds identical ones within a transaction), so a subtree move or a bulk update costs one message, not one per row.
-- Repeatable (db/repeatable.ts): every statement idempotent; afterChange tells running processes to drop everything.

CREATE OR REPLACE FUNCTION actor_cache_notify(keys text[])
 RETURNS void
 LANGUAGE plpgsql
AS $$
DECLARE
  payload text;
BEGIN
  IF keys IS NULL OR cardinality(keys) = 0 THEN
    RETURN;
  END IF;
  payload := array_to_string(keys, ',');
  IF cardinality(keys) > 200 OR octet_length(payload) > 7900 THEN
    payload := '*';
  END IF;
  PERFORM pg_notify('actor_cache', payload);
END
$$;
--> statement-breakpoint
-- One trigger function for every watched table: the keys of the rows a statement inserted, deleted, or changed in a
-- watched column. Its arguments, written by the triggers below: TG_ARGV[0] the column the key names, TG_ARGV[1] the
-- key's prefix, TG_ARGV[2] the watched columns (an UPDATE: a row counts when (key, watched columns) differs between
-- its old and new version — each side EXCEPT the other, NULLs equal).
CREATE OR REPLACE FUNCTION actor_cache_rows_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
DECLARE
  keys text[];
  changed text;
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %I AS k FROM new_rows', TG_ARGV[0])
    WHEN 'DELETE' THEN format('SELECT %I AS k FROM old_rows', TG_ARGV[0])
    ELSE format('SELECT k FROM ((SELECT %1$I AS k, %2$s FROM old_rows EXCEPT SELECT %1$I, %2$s FROM new_rows)
                  UNION ALL (SELECT %1$I, %2$s FROM new_rows EXCEPT SELECT %1$I, %2$s FROM old_rows)) d', TG_ARGV[0], TG_ARGV[2])
  END;
  EXECUTE format('SELECT ARRAY(SELECT DISTINCT %L || x.k FROM (%s) x LIMIT 201)', TG_ARGV[1] || ':', changed) INTO keys;
  PERFORM actor_cache_notify(keys);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- sessions: a deleted session (logout, 在线会话 强制下线, password change, removed seat, expiry) and, should anyone ever
-- rewrite one, a session pointing elsewhere. Row-level with WHEN for the update: the once-a-minute last_seen_at
-- write calls no function at all.
CREATE OR REPLACE TRIGGER actor_cache_sessions_del AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 's');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION actor_cache_sessions_upd()
 RETURNS trigger
 LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM actor_cache_notify(ARRAY['s:' || OLD.id, 's:' || NEW.id]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_sessions_upd AFTER UPDATE ON sessions
  FOR EACH ROW
  WHEN ((OLD.id, OLD.user_id, OLD.admin_id, OLD.personnel_id, OLD.login_type)
        IS DISTINCT FROM (NEW.id, NEW.user_id, NEW.admin_id, NEW.personnel_id, NEW.login_type))
  EXECUTE FUNCTION actor_cache_sessions_upd();
--> statement-breakpoint
-- users: name, status (停用), must_change_password, password_changed_at (the password's age)
CREATE OR REPLACE TRIGGER actor_cache_users_upd AFTER UPDATE ON users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'u', 'name, status, must_change_password, password_changed_at');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_users_del AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'u', 'name, status, must_change_password, password_changed_at');
--> statement-breakpoint
-- admins: the seat's organisation, 超级管理员, removal
CREATE OR REPLACE TRIGGER actor_cache_admins_upd AFTER UPDATE ON admins
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'a', 'org_id, is_super, removed_at');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_admins_del AFTER DELETE ON admins
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'a', 'org_id, is_super, removed_at');
--> statement-breakpoint
-- admin_roles: a role granted to or taken from a seat (insert, delete, and any update) — the seat's actors
CREATE OR REPLACE TRIGGER actor_cache_admin_roles_ins AFTER INSERT ON admin_roles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('admin_id', 'a', 'role_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_admin_roles_upd AFTER UPDATE ON admin_roles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('admin_id', 'a', 'role_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_admin_roles_del AFTER DELETE ON admin_roles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('admin_id', 'a', 'role_id');
--> statement-breakpoint
-- roles: a role's permissions — every actor holding it
CREATE OR REPLACE TRIGGER actor_cache_roles_upd AFTER UPDATE ON roles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'r', 'permissions');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_roles_del AFTER DELETE ON roles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'r', 'permissions');
--> statement-breakpoint
-- organizations: type, HR level, path (更换上级部门 rewrites a whole subtree's), name, status (注册审核, 停用)
CREATE OR REPLACE TRIGGER actor_cache_organizations_upd AFTER UPDATE ON organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'o', 'type, hr_level, path, name, status');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_organizations_del AFTER DELETE ON organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'o', 'type, hr_level, path, name, status');
--> statement-breakpoint
-- personnel: the person's organisation (调转) and registration status (注册审核)
CREATE OR REPLACE TRIGGER actor_cache_personnel_upd AFTER UPDATE ON personnel
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'p', 'org_id, status');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER actor_cache_personnel_del AFTER DELETE ON personnel
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION actor_cache_rows_trg('id', 'p', 'org_id, status');
--> statement-breakpoint
-- the per-table functions these triggers used before actor_cache_rows_trg()
DROP FUNCTION IF EXISTS actor_cache_sessions_del();
--> statement-breakpoint
DROP FUNCTION IF EXISTS actor_cache_users_trg();
--> statement-breakpoint
DROP FUNCTION IF EXISTS actor_cache_admins_trg();
--> statement-breakpoint
DROP FUNCTION IF EXISTS actor_cache_admin_roles_trg();
--> statement-breakpoint
DROP FUNCTION IF EXISTS actor_cache_roles_trg();
--> statement-breakpoint
DROP FUNCTION IF EXISTS actor_cache_organizations_trg();
--> statement-breakpoint
DROP FUNCTION IF EXISTS actor_cache_personnel_trg();
