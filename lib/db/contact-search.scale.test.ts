// Contact search over 20,000 generated contacts in a database of its own: the results
// must be the best ones a brute-force ranking of every contact finds (same tiers, in
// order), accents and case must not matter, and every lookup's query plan must use an
// index (no full scan). Timings and plans are printed for the record, never asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/sqlite/client";
import { type Db, createDb } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { foldText } from "@/lib/contacts/normalize";
import { rankHit, rankHits, type SearchHit } from "@/lib/search/rank";
import { parseSearchTerm, type SearchTerm } from "@/lib/search/term";
import { createTestDatabase, type TestDatabase } from "@/tests/support/test-database";
import { explainSearch, searchContacts } from "./contact-search";
import { fragment, joinFragments, queryFragment, sqlFor } from "@/lib/db/driver";

const total = 20_000;
const firstNames = [
  "María",
  "Maria",
  "José",
  "Jose",
  "Zoë",
  "Chloé",
  "Søren",
  "Ana",
  "Anaïs",
  "Łukasz",
  "Mark",
  "Marco",
  "Émile",
  "Jürgen",
  "Ngozi",
  "Aarav",
  "Mei",
  "Olga",
  "Tomás",
  "Ines",
];
const lastNames = [
  "García",
  "Garcia",
  "Müller",
  "Mueller",
  "Núñez",
  "O'Brien",
  "Smith-Jones",
  "Dubois",
  "Ångström",
  "Marković",
  "Kowalski",
  "Okafor",
  "Nakamura",
  "Fernández",
  "Van der Berg",
  "Marín",
  "Lefèvre",
  "Marshall",
];
const companyWords = [
  "Acme",
  "Garcia",
  "Nord",
  "Café",
  "Müller",
  "Martin",
  "Blue",
  "Harbor",
  "Ltd",
  "Group",
  "Bau",
  "Marine",
];

/** A fixed pseudo-random sequence, so that every run builds the same data. */
function sequence(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

type Generated = {
  contacts: Prisma.ContactCreateManyInput[];
  emails: Prisma.ContactEmailCreateManyInput[];
  phones: Prisma.ContactPhoneCreateManyInput[];
};

function generate(): Generated {
  const next = sequence(42);
  const pick = <T>(list: readonly T[]) => list[next(list.length)]!;
  const out: Generated = { contacts: [], emails: [], phones: [] };
  for (let i = 0; i < total; i++) {
    const id = `scale-${String(i).padStart(6, "0")}`;
    const company = i % 10 === 0;
    const displayName = company
      ? `${pick(companyWords)} ${pick(companyWords)} ${i}`
      : `${pick(firstNames)} ${pick(lastNames)}`;
    out.contacts.push({ id, kind: company ? "company" : "person", displayName, searchName: foldText(displayName) });
    const local = foldText(displayName).replace(/[^a-z0-9]+/g, ".");
    const email =
      next(5) === 0 ? `${displayName.split(" ")[0]!.toLowerCase()}${i}@exemple.es` : `${local}.${i}@mail.example`;
    out.emails.push({ id: `${id}-e`, contactId: id, email, emailLower: email.toLowerCase() });
    // "990" then the index in base 5: digits the phone tests of other files never use.
    const digits = `990${i.toString(5).padStart(7, "0")}`;
    out.phones.push({ id: `${id}-p`, contactId: id, phone: `+${digits}`, digits });
  }
  return out;
}

function allHits(data: Generated): SearchHit[] {
  const byId = new Map(data.contacts.map((c) => [c.id!, c]));
  const hit = (contactId: string, field: SearchHit["field"], value: string): SearchHit => {
    const c = byId.get(contactId)!;
    return { contactId, displayName: c.displayName, searchName: c.searchName, field, value };
  };
  return [
    ...data.contacts.map((c) => hit(c.id!, "name", c.searchName)),
    ...data.emails.map((e) => hit(e.contactId, "email", e.emailLower)),
    ...data.phones.map((p) => hit(p.contactId, "phone", p.digits)),
  ];
}

/**
 * Whether the search can find this hit for this term: terms too short for trigrams
 * (see lib/search/term.ts) get exact and prefix lookups only.
 */
function servable(hit: SearchHit, term: SearchTerm): boolean {
  const rank = rankHit(hit, term);
  if (rank === null) return false;
  const [tier, order] = rank;
  if (tier === 0 || (tier === 1 && order !== 1)) return true;
  if (tier === 1) return term.anywhere || (term.wordPrefix && hit.value.includes(` ${term.text}`));
  return hit.field === "phone" ? term.digitsAnywhere : term.anywhere;
}

/**
 * Multi-row INSERTs in plain SQL, as a bulk import would write (Prisma's createMany is
 * several times slower here): the search index must follow them through its triggers
 * (SQLite) or indexes (PostgreSQL) alone.
 */
async function bulkInsert({ contacts, emails, phones }: Generated): Promise<void> {
  const now = new Date();
  for (let at = 0; at < contacts.length; at += 500) {
    const [from, to] = [at, at + 500];
    const sql = sqlFor(database.url);
    await queryFragment(
      sql,
      fragment`INSERT INTO "Contact" ("id", "kind", "displayName", "searchName", "updatedAt") VALUES ${joinFragments(
        contacts
          .slice(from, to)
          .map((c) => fragment`(${c.id ?? null}, ${c.kind}, ${c.displayName}, ${c.searchName}, ${now})`),
        ", ",
      )}`,
    );
    await queryFragment(
      sql,
      fragment`INSERT INTO "ContactEmail" ("id", "contactId", "email", "emailLower", "isPrimary") VALUES ${joinFragments(
        emails
          .slice(from, to)
          .map((e) => fragment`(${e.id ?? null}, ${e.contactId}, ${e.email}, ${e.emailLower}, ${true})`),
        ", ",
      )}`,
    );
    await queryFragment(
      sql,
      fragment`INSERT INTO "ContactPhone" ("id", "contactId", "phone", "digits", "isPrimary") VALUES ${joinFragments(
        phones
          .slice(from, to)
          .map((p) => fragment`(${p.id ?? null}, ${p.contactId}, ${p.phone}, ${p.digits}, ${true})`),
        ", ",
      )}`,
    );
  }
}

let database: TestDatabase;
let client: Db;
let data: Generated;
let engine: ReturnType<typeof engineOf>;

beforeAll(async () => {
  database = await createTestDatabase(process.env.DATABASE_URL);
  client = createDb(database.url);
  engine = engineOf(database.url);
  data = generate();
  const started = performance.now();
  await bulkInsert(data);
  await sqlFor(database.url).execute("ANALYZE"); // planner statistics, as a live database has them
  console.log(
    `[${engine}] inserted ${total} contacts (with emails and phones) in ${Math.round(performance.now() - started)} ms`,
  );
}, 300_000);

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

const terms = [
  "maria",
  "María García",
  "garc",
  "MÜLLER",
  "mueller",
  "zoe",
  "ångström",
  "angs",
  "ma",
  "o'brien",
  "brien",
  "jones",
  "van der",
  "café",
  "cafe",
  "arin",
  "exemple",
  "mail.example",
  "9900000001",
  "990 000 04",
  "4432",
  "x",
  "ë",
  "zzqqxx",
];

describe(`contact search over ${total} contacts`, () => {
  it("returns the best results a brute-force ranking finds, tier for tier", async () => {
    const hits = allHits(data);
    const folded = new Map(data.contacts.map((c) => [c.id!, c.searchName]));
    const timings: string[] = [];
    for (const q of terms) {
      const term = parseSearchTerm(q)!;
      const started = performance.now();
      const results = await searchContacts(q, { sql: sqlFor(database.url) });
      timings.push(`${JSON.stringify(q)} ${(performance.now() - started).toFixed(1)} ms (${results.length})`);
      const expected = rankHits(
        hits.filter((h) => servable(h, term)),
        term,
        20,
      );
      const rankOf = (id: string) => {
        const ranks = hits
          .filter((h) => h.contactId === id)
          .map((h) => rankHit(h, term))
          .filter((r) => r !== null);
        return ranks.sort((a, b) => a[0] - b[0] || a[1] - b[1])[0]!.join(".");
      };
      expect(
        results.map((r) => rankOf(r.id)),
        q,
      ).toEqual(expected.map((r) => rankOf(r.id)));
      // Exact and prefix matches come from ordered indexes: the very same names, in order.
      const ordered = (list: { id: string }[]) =>
        list.filter((r) => /^(0\.|1\.0)/.test(rankOf(r.id))).map((r) => folded.get(r.id));
      expect(ordered(results), q).toEqual(ordered(expected));
    }
    console.log(`[${engine}] search timings:\n  ${timings.join("\n  ")}`);
  }, 120_000);

  it("is accent- and case-insensitive", async () => {
    const ids = async (q: string) => (await searchContacts(q, { sql: sqlFor(database.url) })).map((r) => r.id);
    expect(await ids("MARIA GARCIA")).toEqual(await ids("maría garcía"));
    expect(await ids("angstrom")).toEqual(await ids("ÅNGSTRÖM"));
    const zoe = await searchContacts("zoe", { sql: sqlFor(database.url) });
    expect(zoe.length).toBe(20);
    expect(zoe.every((r) => r.name.startsWith("Zoë"))).toBe(true);
  });

  it("uses an index for every lookup, for a hit and for a miss (plans printed)", async () => {
    for (const q of ["garcia", "zzqqxx", "ma", "o'brien", "990 000 04", "4432"]) {
      for (const { probe, plan } of await explainSearch(q, { sql: sqlFor(database.url) })) {
        console.log(`[${engine}] ${JSON.stringify(q)} ${probe}:\n    ${plan.join("\n    ")}`);
        if (engine === "sqlite") {
          // SEARCH = index lookup; the only SCAN allowed is the FTS5 virtual table's MATCH.
          expect(
            plan.filter((l) => /\bSCAN\b/.test(l) && !/VIRTUAL TABLE INDEX/.test(l)),
            probe,
          ).toEqual([]);
        } else {
          expect(postgresFullScans(plan), probe).toEqual([]);
        }
      }
    }
  });
});

/**
 * Plan nodes that read a whole table or index: sequential scans, and index scans with
 * no Index Cond among their own lines (a full index walk with a filter).
 */
function postgresFullScans(plan: string[]): string[] {
  const depth = (line: string) => line.search(/\S/);
  return plan.filter((line, i) => {
    if (/Seq Scan/.test(line)) return true;
    if (!/(?<!Bitmap )Index (Only )?Scan/.test(line)) return false;
    const own: string[] = [];
    for (const next of plan.slice(i + 1)) {
      if (depth(next) <= depth(line) || /->/.test(next)) break;
      own.push(next);
    }
    return !own.some((l) => /Index Cond/.test(l));
  });
}
