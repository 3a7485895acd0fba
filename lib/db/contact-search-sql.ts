// The SQL of contact search, one lookup ("probe") at a time, for each engine. Every
// probe goes through an index (migration *_contact_search): exact and prefix matches
// through byte-wise b-tree ranges read in index order, word-prefix and "anywhere"
// matches through trigram indexes (SQLite FTS5 trigram, PostgreSQL pg_trgm). Values
// from the user are always bound parameters; LIKE and FTS5 syntax in them is escaped.
import "server-only";
import { type DbEngine, type SqlFragment, emptyFragment, fragment, rawFragment } from "@/lib/db/driver";
import { ftsPhrase, likeLiteral, prefixRangeEnd, type SearchTerm } from "@/lib/search/term";
import type { SearchField } from "@/lib/search/rank";

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
  sql: SqlFragment;
};

const hitColumns = fragment`c."id" AS "contactId", c."displayName" AS "displayName", c."searchName" AS "searchName"`;

const prefixRange = (value: string) => [value, value + prefixRangeEnd] as const;

/**
 * Values equal to or starting with the term: a range of a b-tree index read in order.
 * On PostgreSQL, COLLATE "C" compares bytes, so the range is exactly "starts with" in any
 * database collation, and it matches the *_prefix_idx indexes; SQLite compares bytes already.
 */
function prefixProbes(term: SearchTerm, take: number, engine: DbEngine): SearchProbe[] {
  const collate = engine === "postgresql" ? rawFragment(` COLLATE "C"`) : emptyFragment;
  const probe = (
    name: string,
    field: SearchField,
    from: SqlFragment,
    column: SqlFragment,
    value: string,
  ): SearchProbe => {
    const [low, high] = prefixRange(value);
    return {
      name,
      stage: "prefix",
      index: "btree",
      sql: fragment`SELECT ${hitColumns}, ${rawFragment(`'${field}'`)} AS "field", ${column} AS "value" FROM ${from}
        WHERE ${column}${collate} >= ${low} AND ${column}${collate} < ${high} ORDER BY ${column}${collate} LIMIT ${take}`,
    };
  };
  const probes = [probe("name prefix", "name", fragment`"Contact" c`, fragment`c."searchName"`, term.text)];
  for (const value of new Set([term.text, term.lower])) {
    const from = fragment`"ContactEmail" e JOIN "Contact" c ON c."id" = e."contactId"`;
    probes.push(probe("email prefix", "email", from, fragment`e."emailLower"`, value));
  }
  if (term.digits !== "") {
    const from = fragment`"ContactPhone" p JOIN "Contact" c ON c."id" = p."contactId"`;
    probes.push(probe("phone prefix", "phone", from, fragment`p."digits"`, term.digits));
  }
  return probes;
}

function sqliteProbes(term: SearchTerm, take: number): SearchProbe[] {
  const probes = prefixProbes(term, take, "sqlite");
  const trigram = (name: string, stage: SearchProbe["stage"], match: string, filter = emptyFragment): SearchProbe => ({
    name,
    stage,
    index: "trigram",
    sql: fragment`SELECT ${hitColumns}, t."field" AS "field", coalesce(t."name", t."email", t."phone") AS "value"
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
      ? fragment`AND instr(' ' || coalesce(t."name", t."email"), ${` ${term.text}`}) = 0`
      : fragment`AND instr(coalesce(t."name", t."email"), ${term.text}) <> 1`;
    probes.push(trigram("anywhere", "anywhere", ftsPhrase(term.text, ["name", "email"]), notStarting));
  }
  if (term.digitsAnywhere) {
    const notStarting = fragment`AND instr(t."phone", ${term.digits}) <> 1`;
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
  column: SqlFragment,
  where: SqlFragment,
  take: number,
): SqlFragment {
  return fragment`WITH m AS MATERIALIZED (
      SELECT x."contactId", x.${column} AS "value" FROM ${rawFragment(`"${table}"`)} x WHERE ${where} LIMIT ${take}
    )
    SELECT ${hitColumns}, ${rawFragment(`'${field}'`)} AS "field", m."value" FROM m JOIN "Contact" c ON c."id" = m."contactId"`;
}

function postgresProbes(term: SearchTerm, take: number): SearchProbe[] {
  const probes = prefixProbes(term, take, "postgresql");
  const text = likeLiteral(term.text);
  if (term.wordPrefix) {
    probes.push({
      name: "word prefix",
      stage: "word-prefix",
      index: "trigram",
      sql: fragment`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
        WHERE c."searchName" LIKE ${`% ${text}%`} LIMIT ${take}`,
    });
  }
  // As on SQLite, "anywhere" skips what the first stage finds (see sqliteProbes).
  if (term.anywhere) {
    const notStarting = term.wordPrefix
      ? fragment`strpos(' ' || c."searchName", ${` ${term.text}`}) = 0`
      : fragment`strpos(c."searchName", ${term.text}) <> 1`;
    probes.push({
      name: "anywhere",
      stage: "anywhere",
      index: "trigram",
      sql: fragment`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
        WHERE c."searchName" LIKE ${`%${text}%`} AND ${notStarting} LIMIT ${take}`,
    });
    const folded = fragment`"crm_bridge_fold"(x."emailLower")`;
    probes.push({
      name: "email anywhere",
      stage: "anywhere",
      index: "trigram",
      sql: postgresTrigram(
        "ContactEmail",
        "email",
        fragment`"emailLower"`,
        // Skips what the email prefix lookup found: the stored form starting with the term.
        fragment`${folded} LIKE ${`%${text}%`} AND strpos(x."emailLower", ${term.text}) <> 1`,
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
        fragment`"digits"`,
        fragment`x."digits" LIKE ${`%${term.digits}%`} AND strpos(x."digits", ${term.digits}) <> 1`,
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
