// Fills a benchmark database with N generated contacts (people and companies, each
// with an email and a phone; some with notes and leads) through the database driver
// directly, in large batches: 1,000,000 contacts take seconds, not hours. The rows are
// exactly what the app writes (same normalization, same date format), so the app reads
// them as its own. Nothing analyzes it (see the end of generateContacts).
import Database from "better-sqlite3";
import pg from "pg";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { foldText, phoneDigits } from "@/lib/contacts/normalize";
import { companySuffixes, companyWords, firstNames, lastNames } from "./names";

/** Deterministic generator, so two runs build the same data. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type GeneratedContact = {
  id: string;
  kind: "person" | "company";
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  email: string;
  phone: string;
  suresendId: string;
};

/** The i-th generated contact: the same for a given index in every run and process. */
export function generatedContact(i: number): GeneratedContact {
  const random = mulberry32(i * 7919 + 17);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const id = `bench${String(i).padStart(9, "0")}`;
  const phone = `+1 ${String(200 + (i % 800)).padStart(3, "0")} ${String(1_000_000 + ((i * 104729) % 9_000_000)).slice(0, 3)}-${String(i % 10000).padStart(4, "0")}`;
  if (i % 10 === 9) {
    const name = `${pick(companyWords)} ${pick(companyWords)} ${pick(companySuffixes)} ${i}`;
    const domain = `${foldText(name).replace(/[^a-z0-9]+/g, "")}.example.com`;
    return {
      id,
      kind: "company",
      displayName: name,
      firstName: null,
      lastName: null,
      email: `info@${domain}`,
      phone,
      suresendId: `ss-${id}`,
    };
  }
  const firstName = pick(firstNames);
  const lastName = pick(lastNames);
  const local = `${foldText(firstName)}.${foldText(lastName)}`.replace(/[^a-z.]/g, "");
  return {
    id,
    kind: "person",
    displayName: `${firstName} ${lastName}`,
    firstName,
    lastName,
    email: `${local}.${i}@example.com`,
    phone,
    suresendId: `ss-${id}`,
  };
}

type Row = Record<string, string | number | null>;

/** Rows of the batch [from, to): contacts, their emails, phones, Sure Send links, notes and leads. */
function batchRows(from: number, to: number, now: string) {
  const rows: Record<"Contact" | "ContactEmail" | "ContactPhone" | "ExternalRef" | "Note" | "Lead", Row[]> = {
    Contact: [],
    ContactEmail: [],
    ContactPhone: [],
    ExternalRef: [],
    Note: [],
    Lead: [],
  };
  for (let i = from; i < to; i++) {
    const c = generatedContact(i);
    rows.Contact.push({
      id: c.id,
      kind: c.kind,
      displayName: c.displayName,
      searchName: foldText(c.displayName),
      firstName: c.firstName,
      lastName: c.lastName,
      stage: ["Lead", "Prospect", "Customer"][i % 3]!,
      createdAt: now,
      updatedAt: now,
    });
    rows.ContactEmail.push({
      id: `e${c.id}`,
      contactId: c.id,
      email: c.email,
      emailLower: c.email.toLowerCase(),
      isPrimary: 1,
    });
    rows.ContactPhone.push({
      id: `p${c.id}`,
      contactId: c.id,
      phone: c.phone,
      digits: phoneDigits(c.phone),
      type: "mobile",
      isPrimary: 1,
    });
    rows.ExternalRef.push({
      id: `r${c.id}`,
      system: "suresend",
      externalId: c.suresendId,
      contactId: c.id,
      createdAt: now,
      updatedAt: now,
    });
    if (i % 5 === 0) {
      rows.Note.push({
        id: `n${c.id}`,
        contactId: c.id,
        body: `Called ${c.displayName} about a viewing.`,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (i % 7 === 0) {
      const leadDate = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().replace("Z", "+00:00");
      rows.Lead.push({
        id: `l${c.id}`,
        source: "housing",
        identityKey: `P-${i % 50}|${phoneDigits(c.phone)}|${i}`,
        contactId: c.id,
        name: c.displayName,
        phone: c.phone,
        email: c.email,
        projectId: `P-${i % 50}`,
        projectName: `Project ${i % 50}`,
        locality: ["Powai", "Whitefield", "Bandra West", "Andheri"][i % 4]!,
        leadDate,
        raw: "{}",
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  return rows;
}

const batchSize = 5000;

export async function generateContacts(
  databaseUrl: string,
  count: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  const now = new Date().toISOString().replace("Z", "+00:00");
  if (engineOf(databaseUrl) === "sqlite") {
    const sqlite = new Database(sqlitePath(databaseUrl));
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = OFF");
    const statements = new Map<string, Database.Statement>();
    const insert = (table: string, row: Row) => {
      const columns = Object.keys(row);
      const key = `${table}:${columns.join(",")}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = sqlite.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`,
        );
        statements.set(key, statement);
      }
      statement.run(row);
    };
    const writeBatch = sqlite.transaction((from: number, to: number) => {
      for (const [table, rows] of Object.entries(batchRows(from, to, now))) for (const row of rows) insert(table, row);
    });
    for (let from = 0; from < count; from += batchSize) {
      writeBatch(from, Math.min(count, from + batchSize));
      onProgress?.(Math.min(count, from + batchSize));
    }
    sqlite.pragma("synchronous = NORMAL");
    // No ANALYZE: the database is left as the app finds any other; the app's own PRAGMA
    // optimize (lib/db/optimize.ts) does what it does for users.
    sqlite.close();
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let from = 0; from < count; from += batchSize) {
      const rows = batchRows(from, Math.min(count, from + batchSize), now);
      await client.query("BEGIN");
      for (const [table, list] of Object.entries(rows)) {
        if (list.length === 0) continue;
        const columns = Object.keys(list[0]!);
        // One statement per table and batch: each column as an array, unnested into rows.
        const arrays = columns.map((c) => list.map((r) => (c === "isPrimary" ? Boolean(r[c]) : r[c])));
        const types = columns.map((c) =>
          c === "isPrimary"
            ? "boolean[]"
            : c === "version"
              ? "int[]"
              : /At$|Date$/.test(c)
                ? "timestamp(3)[]"
                : "text[]",
        );
        await client.query(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${types.map((t, n) => `$${n + 1}::${t}`).join(", ")})`,
          arrays,
        );
      }
      await client.query("COMMIT");
      onProgress?.(Math.min(count, from + batchSize));
    }
    // VACUUM merges the rows bulk-inserted into the GIN (trigram) indexes' pending lists,
    // which every search would otherwise read through, as autovacuum does on a live database.
    // No ANALYZE: statistics come as they come for users (autovacuum, or the app's own).
    await client.query("VACUUM");
  } finally {
    await client.end();
  }
}
