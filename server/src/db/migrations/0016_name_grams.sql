-- 姓名 search: a name's single characters and character pairs, lower-cased (lib/name-search.ts asks for the pairs of
-- the searched text, or its one character, then rechecks with ILIKE). IMMUTABLE: it indexes users.name.
CREATE OR REPLACE FUNCTION name_grams(s text) RETURNS text[]
 LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(lower(s), i, 1) AS g FROM generate_series(1, char_length(s)) AS i
    UNION ALL
    SELECT substr(lower(s), i, 2) FROM generate_series(1, char_length(s) - 1) AS i
  ) AS grams
$$;--> statement-breakpoint
CREATE INDEX "users_name_grams_idx" ON "users" USING gin (name_grams("name"));