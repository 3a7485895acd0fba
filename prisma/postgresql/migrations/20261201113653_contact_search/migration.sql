-- Contact search (SocialSignIn search, contract section 3): pg_trgm GIN indexes make
-- "q anywhere" (LIKE '%q%') and "a word starting with q" (LIKE '% q%') index scans,
-- and "C"-collation b-tree indexes make prefix ranges (>= q AND < q || U+10FFFF)
-- byte-wise whatever the database's collation. Written by hand: Prisma cannot
-- express operator classes, collations or expression indexes.
--
-- pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Emails are stored lower-cased but not accent-folded; search folds them the way the
-- application folds names (NFKD, combining marks removed, lower case). IMMUTABLE so
-- that it can be indexed: normalize() and regexp_replace() with constant arguments are.
CREATE FUNCTION "crm_bridge_fold"(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN lower(regexp_replace(normalize(value, NFKD), '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'));

CREATE INDEX "Contact_searchName_trgm_idx" ON "Contact" USING gin ("searchName" gin_trgm_ops);
CREATE INDEX "ContactEmail_emailFolded_trgm_idx" ON "ContactEmail" USING gin ("crm_bridge_fold"("emailLower") gin_trgm_ops);
CREATE INDEX "ContactPhone_digits_trgm_idx" ON "ContactPhone" USING gin ("digits" gin_trgm_ops);

CREATE INDEX "Contact_searchName_prefix_idx" ON "Contact" ("searchName" COLLATE "C");
CREATE INDEX "ContactEmail_emailLower_prefix_idx" ON "ContactEmail" ("emailLower" COLLATE "C");
CREATE INDEX "ContactPhone_digits_prefix_idx" ON "ContactPhone" ("digits" COLLATE "C");
