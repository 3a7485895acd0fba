// Contact search over names, emails and phone digits, fast at a million contacts on
// both engines: every lookup goes through an index (migration *_contact_search), never
// a scan. Exact and prefix matches come from byte-wise b-tree ranges in index order;
// word-prefix and "anywhere" matches from trigram indexes (SQLite FTS5 trigram,
// PostgreSQL pg_trgm). Each lookup returns a bounded set of candidate hits, and
// lib/search/rank.ts orders them.
import { Prisma } from "@/generated/sqlite/client";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { type DbEngine, engineOf } from "@/lib/db/client-url";
import { env } from "@/lib/env";
import { rankHits, type SearchHit, type SearchResult } from "@/lib/search/rank";
import { ftsPhrase, likeLiteral, parseSearchTerm, prefixRangeEnd, type SearchTerm } from "@/lib/search/term";

export type SearchOptions = { limit?: number; client?: Db; engine?: DbEngine };

/** One indexed lookup. Stage "exact-prefix" finds tiers 0–1; "anywhere" runs only when they are too few. */
export type SearchProbe = { name: string; stage: "exact-prefix" | "anywhere"; sql: Prisma.Sql };

const hitColumns = Prisma.sql`c."id" AS "contactId", c."displayName" AS "displayName", c."searchName" AS "searchName"`;

function sqliteProbes(term: SearchTerm, take: number): SearchProbe[] {
  const probes: SearchProbe[] = [];
  const prefix = (value: string) => [value, value + prefixRangeEnd] as const;
  const [nameFrom, nameTo] = prefix(term.text);
  probes.push({
    name: "name prefix",
    stage: "exact-prefix",
    sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
      WHERE c."searchName" >= ${nameFrom} AND c."searchName" < ${nameTo} ORDER BY c."searchName" LIMIT ${take}`,
  });
  for (const value of new Set([term.text, term.lower])) {
    const [from, to] = prefix(value);
    probes.push({
      name: "email prefix",
      stage: "exact-prefix",
      sql: Prisma.sql`SELECT ${hitColumns}, 'email' AS "field", e."emailLower" AS "value"
        FROM "ContactEmail" e JOIN "Contact" c ON c."id" = e."contactId"
        WHERE e."emailLower" >= ${from} AND e."emailLower" < ${to} ORDER BY e."emailLower" LIMIT ${take}`,
    });
  }
  if (term.digits !== "") {
    const [from, to] = prefix(term.digits);
    probes.push({
      name: "phone prefix",
      stage: "exact-prefix",
      sql: Prisma.sql`SELECT ${hitColumns}, 'phone' AS "field", p."digits" AS "value"
        FROM "ContactPhone" p JOIN "Contact" c ON c."id" = p."contactId"
        WHERE p."digits" >= ${from} AND p."digits" < ${to} ORDER BY p."digits" LIMIT ${take}`,
    });
  }
  const trigram = (name: string, stage: SearchProbe["stage"], match: string): SearchProbe => ({
    name,
    stage,
    sql: Prisma.sql`SELECT ${hitColumns}, t."field" AS "field", coalesce(t."name", t."email", t."phone") AS "value"
      FROM "ContactSearchTrigram" f
      JOIN "ContactSearchTerm" t ON t."id" = f."rowid"
      JOIN "Contact" c ON c."id" = t."contactId"
      WHERE "ContactSearchTrigram" MATCH ${match} LIMIT ${take}`,
  });
  if (term.wordPrefix) probes.push(trigram("word prefix", "exact-prefix", ftsPhrase(` ${term.text}`, ["name"])));
  if (term.anywhere) probes.push(trigram("anywhere", "anywhere", ftsPhrase(term.text, ["name", "email"])));
  if (term.digitsAnywhere) probes.push(trigram("phone anywhere", "anywhere", ftsPhrase(term.digits, ["phone"])));
  return probes;
}

function postgresProbes(term: SearchTerm, take: number): SearchProbe[] {
  const probes: SearchProbe[] = [];
  const prefix = (value: string) => [value, value + prefixRangeEnd] as const;
  const [nameFrom, nameTo] = prefix(term.text);
  // COLLATE "C" compares bytes, so the range is exactly "starts with" in any database
  // collation, and matches the *_prefix_idx indexes.
  probes.push({
    name: "name prefix",
    stage: "exact-prefix",
    sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
      WHERE c."searchName" COLLATE "C" >= ${nameFrom} AND c."searchName" COLLATE "C" < ${nameTo}
      ORDER BY c."searchName" COLLATE "C" LIMIT ${take}`,
  });
  for (const value of new Set([term.text, term.lower])) {
    const [from, to] = prefix(value);
    probes.push({
      name: "email prefix",
      stage: "exact-prefix",
      sql: Prisma.sql`SELECT ${hitColumns}, 'email' AS "field", e."emailLower" AS "value"
        FROM "ContactEmail" e JOIN "Contact" c ON c."id" = e."contactId"
        WHERE e."emailLower" COLLATE "C" >= ${from} AND e."emailLower" COLLATE "C" < ${to}
        ORDER BY e."emailLower" COLLATE "C" LIMIT ${take}`,
    });
  }
  if (term.digits !== "") {
    const [from, to] = prefix(term.digits);
    probes.push({
      name: "phone prefix",
      stage: "exact-prefix",
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
      stage: "exact-prefix",
      sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
        WHERE c."searchName" LIKE ${`% ${text}%`} LIMIT ${take}`,
    });
  }
  if (term.anywhere) {
    probes.push({
      name: "anywhere",
      stage: "anywhere",
      sql: Prisma.sql`SELECT ${hitColumns}, 'name' AS "field", c."searchName" AS "value" FROM "Contact" c
        WHERE c."searchName" LIKE ${`%${text}%`} LIMIT ${take}`,
    });
    probes.push({
      name: "email anywhere",
      stage: "anywhere",
      sql: Prisma.sql`SELECT ${hitColumns}, 'email' AS "field", e."emailLower" AS "value"
        FROM "ContactEmail" e JOIN "Contact" c ON c."id" = e."contactId"
        WHERE "crm_bridge_fold"(e."emailLower") LIKE ${`%${text}%`} LIMIT ${take}`,
    });
  }
  if (term.digitsAnywhere) {
    probes.push({
      name: "phone anywhere",
      stage: "anywhere",
      sql: Prisma.sql`SELECT ${hitColumns}, 'phone' AS "field", p."digits" AS "value"
        FROM "ContactPhone" p JOIN "Contact" c ON c."id" = p."contactId"
        WHERE p."digits" LIKE ${`%${term.digits}%`} LIMIT ${take}`,
    });
  }
  return probes;
}

/** The indexed lookups for a term on one engine; each returns at most `take` hits. */
export function searchProbes(term: SearchTerm, engine: DbEngine, take: number): SearchProbe[] {
  return engine === "sqlite" ? sqliteProbes(term, take) : postgresProbes(term, take);
}

async function runProbes(client: Db, probes: SearchProbe[]): Promise<SearchHit[]> {
  const results = await Promise.all(probes.map((p) => client.$queryRaw<SearchHit[]>(p.sql)));
  return results.flat();
}

/**
 * Contacts matching `q`, best first (see lib/search/rank.ts), at most `limit` (20).
 * An empty term finds nothing.
 */
export async function searchContacts(q: string, options: SearchOptions = {}): Promise<SearchResult[]> {
  const { limit = 20, client = db(), engine = engineOf(env().databaseUrl) } = options;
  const term = parseSearchTerm(q);
  if (term === null) return [];
  // A contact may match through several values (emails, phones): fetch a margin.
  const probes = searchProbes(term, engine, limit * 2);
  const hits = await runProbes(
    client,
    probes.filter((p) => p.stage === "exact-prefix"),
  );
  const best = rankHits(hits, term, limit);
  const anywhere = probes.filter((p) => p.stage === "anywhere");
  if (best.length >= limit || anywhere.length === 0) return best;
  return rankHits([...hits, ...(await runProbes(client, anywhere))], term, limit);
}
