// The SQL of contact search, one lookup ("probe") at a time, for each engine. Every
// probe goes through an index (migration *_contact_search): exact and prefix matches
// through byte-wise b-tree ranges read in index order, word-prefix and "anywhere"
// matches through trigram indexes (SQLite FTS5 trigram, PostgreSQL pg_trgm). Values
// from the user are always bound parameters; LIKE and FTS5 syntax in them is escaped.
import { Prisma } from "@/generated/sqlite/client";
import type { DbEngine } from "@/lib/db/client-url";
import { ftsPhrase, likeLiteral, prefixRangeEnd, type SearchTerm } from "@/lib/search/term";

/**
 * One indexed lookup returning at most `take` hits. Stages run in order, each only while
 * the ones before found too few better hits (lib/db/contact-search.ts): "prefix" finds
 * values equal to or starting with the term, "word-prefix" names with a later word
 * starting with it, "anywhere" the term inside a value. `index` says which kind of index
 * serves it (the PostgreSQL runner sets the planner up accordingly).
 */
export type SearchProbe = {
  name: string;
  stage: "prefix" | "word-prefix" | "anywhere";
  index: "btree" | "trigram";
  sql: Prisma.Sql;
};

const hitColumns = Prisma.sql`c."id" AS "contactId", c."displayName" AS "displayName", c."searchName" AS "searchName"`;

const prefixRange = (value: string) => [value, value + prefixRangeEnd] as const;

function sqliteProbes(term: SearchTerm, take: number): SearchProbe[] {
  const probes: SearchProbe[] = [];
  const [nameFrom, nameTo] = prefixRange(term.text);
  probes.push({
    name: "name prefix",
    stage: "prefix",
    index: "btree",
    sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
      WHERE c."searchName" >= ${nameFrom} AND c."searchName" < ${nameTo} ORDER BY c."searchName" LIMIT ${take}`,
  });
  for (const value of new Set([term.text, term.lower])) {
    const [from, to] = prefixRange(value);
    probes.push({
      name: "email prefix",
      stage: "prefix",
      index: "btree",
      sql: Prisma.sql`SELECT ${hitColumns}, 'email' AS "field", e."emailLower" AS "value"
        FROM "ContactEmail" e JOIN "Contact" c ON c."id" = e."contactId"
        WHERE e."emailLower" >= ${from} AND e."emailLower" < ${to} ORDER BY e."emailLower" LIMIT ${take}`,
    });
  }
  if (term.digits !== "") {
    const [from, to] = prefixRange(term.digits);
    probes.push({
      name: "phone prefix",
      stage: "prefix",
      index: "btree",
      sql: Prisma.sql`SELECT ${hitColumns}, 'phone' AS "field", p."digits" AS "value"
        FROM "ContactPhone" p JOIN "Contact" c ON c."id" = p."contactId"
        WHERE p."digits" >= ${from} AND p."digits" < ${to} ORDER BY p."digits" LIMIT ${take}`,
    });
  }
  const trigram = (name: string, stage: SearchProbe["stage"], match: string, filter = Prisma.empty): SearchProbe => ({
    name,
    stage,
    index: "trigram",
    sql: Prisma.sql`SELECT ${hitColumns}, t."field" AS "field", coalesce(t."name", t."email", t."phone") AS "value"
      FROM "ContactSearchTrigram" f
      JOIN "ContactSearchTerm" t ON t."id" = f."rowid"
      JOIN "Contact" c ON c."id" = t."contactId"
      WHERE "ContactSearchTrigram" MATCH ${match} ${filter} LIMIT ${take}`,
  });
  if (term.wordPrefix) probes.push(trigram("word prefix", "word-prefix", ftsPhrase(` ${term.text}`, ["name"])));
  // "Anywhere" lookups skip values that start with the term (or have a word that does,
  // when the word-prefix lookup ran): earlier stages found those, and they would crowd
  // out the matches still missing.
  if (term.anywhere) {
    const notStarting = term.wordPrefix
      ? Prisma.sql`AND instr(' ' || coalesce(t."name", t."email"), ${` ${term.text}`}) = 0`
      : Prisma.sql`AND instr(coalesce(t."name", t."email"), ${term.text}) <> 1`;
    probes.push(trigram("anywhere", "anywhere", ftsPhrase(term.text, ["name", "email"]), notStarting));
  }
  if (term.digitsAnywhere) {
    const notStarting = Prisma.sql`AND instr(t."phone", ${term.digits}) <> 1`;
    probes.push(trigram("phone anywhere", "anywhere", ftsPhrase(term.digits, ["phone"]), notStarting));
  }
  return probes;
}

/**
 * PostgreSQL: a trigram match limited to `take` rows of one table, then joined to its
 * contacts. The CTE keeps the LIMIT on the indexed table alone, so the plan is a bitmap
 * scan of the trigram index whatever the join.
 */
function postgresTrigram(
  table: "ContactEmail" | "ContactPhone",
  field: "email" | "phone",
  column: Prisma.Sql,
  where: Prisma.Sql,
  take: number,
): Prisma.Sql {
  return Prisma.sql`WITH m AS MATERIALIZED (
      SELECT x."contactId", x.${column} AS "value" FROM ${Prisma.raw(`"${table}"`)} x WHERE ${where} LIMIT ${take}
    )
    SELECT ${hitColumns}, ${Prisma.raw(`'${field}'`)} AS "field", m."value" FROM m JOIN "Contact" c ON c."id" = m."contactId"`;
}

function postgresProbes(term: SearchTerm, take: number): SearchProbe[] {
  const probes: SearchProbe[] = [];
  const [nameFrom, nameTo] = prefixRange(term.text);
  // COLLATE "C" compares bytes, so the range is exactly "starts with" in any database
  // collation, and it matches the *_prefix_idx indexes.
  probes.push({
    name: "name prefix",
    stage: "prefix",
    index: "btree",
    sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
      WHERE c."searchName" COLLATE "C" >= ${nameFrom} AND c."searchName" COLLATE "C" < ${nameTo}
      ORDER BY c."searchName" COLLATE "C" LIMIT ${take}`,
  });
  for (const value of new Set([term.text, term.lower])) {
    const [from, to] = prefixRange(value);
    probes.push({
      name: "email prefix",
      stage: "prefix",
      index: "btree",
      sql: Prisma.sql`SELECT ${hitColumns}, 'email' AS "field", e."emailLower" AS "value"
        FROM "ContactEmail" e JOIN "Contact" c ON c."id" = e."contactId"
        WHERE e."emailLower" COLLATE "C" >= ${from} AND e."emailLower" COLLATE "C" < ${to}
        ORDER BY e."emailLower" COLLATE "C" LIMIT ${take}`,
    });
  }
  if (term.digits !== "") {
    const [from, to] = prefixRange(term.digits);
    probes.push({
      name: "phone prefix",
      stage: "prefix",
      index: "btree",
      sql: Prisma.sql`SELECT ${hitColumns}, 'phone' AS "field", p."digits" AS "value"
        FROM "ContactPhone" p JOIN "Contact" c ON c."id" = p."contactId"
        WHERE p."digits" COLLATE "C" >= ${from} AND p."digits" COLLATE "C" < ${to}
        ORDER BY p."digits" COLLATE "C" LIMIT ${take}`,
    });
  }
  const text = likeLiteral(term.text);
  if (term.wordPrefix) {
    probes.push({
      name: "word prefix",
      stage: "word-prefix",
      index: "trigram",
      sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
        WHERE c."searchName" LIKE ${`% ${text}%`} LIMIT ${take}`,
    });
  }
  // As on SQLite, "anywhere" skips what the first stage finds (see sqliteProbes).
  if (term.anywhere) {
    const notStarting = term.wordPrefix
      ? Prisma.sql`strpos(' ' || c."searchName", ${` ${term.text}`}) = 0`
      : Prisma.sql`strpos(c."searchName", ${term.text}) <> 1`;
    probes.push({
      name: "anywhere",
      stage: "anywhere",
      index: "trigram",
      sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
        WHERE c."searchName" LIKE ${`%${text}%`} AND ${notStarting} LIMIT ${take}`,
    });
    const folded = Prisma.sql`"crm_bridge_fold"(x."emailLower")`;
    probes.push({
      name: "email anywhere",
      stage: "anywhere",
      index: "trigram",
      sql: postgresTrigram(
        "ContactEmail",
        "email",
        Prisma.sql`"emailLower"`,
        // Skips what the email prefix lookup found: the stored form starting with the term.
        Prisma.sql`${folded} LIKE ${`%${text}%`} AND strpos(x."emailLower", ${term.text}) <> 1`,
        take,
      ),
    });
  }
  if (term.digitsAnywhere) {
    probes.push({
      name: "phone anywhere",
      stage: "anywhere",
      index: "trigram",
      sql: postgresTrigram(
        "ContactPhone",
        "phone",
        Prisma.sql`"digits"`,
        Prisma.sql`x."digits" LIKE ${`%${term.digits}%`} AND strpos(x."digits", ${term.digits}) <> 1`,
        take,
      ),
    });
  }
  return probes;
}

/** The indexed lookups for a term on one engine; each returns at most `take` hits. */
export function searchProbes(term: SearchTerm, engine: DbEngine, take: number): SearchProbe[] {
  return engine === "sqlite" ? sqliteProbes(term, take) : postgresProbes(term, take);
}
