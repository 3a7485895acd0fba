// The query plans of every hot-path statement on a database as an operator has it: filled
// by one CRM.COM import of 30,000 contacts through the real connector, and NEVER analyzed
// (the run's own statistics step is left out; on PostgreSQL autovacuum is off for the
// tables). Each lookup must start from the index of its key (email, phone digits, link,
// contact id), never scan a table, never walk the contacts of a kind. Then the same with
// the statistics the end of a run writes (lib/db/optimize.ts). Plans are printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, createDb } from "@/lib/db/client";
import { type DbEngine, engineOf, sqlitePath } from "@/lib/db/client-url";
import { type Sql, type SqlTx, type SqlValue, closeSqlFor, openSession, sqlFor } from "@/lib/db/driver";
import { findContactIdByEmailOrPhone, findContactIdByExternalRef } from "@/lib/db/contacts";
import { loadContactRecord } from "@/lib/db/contact-records";
import { explainSearch } from "@/lib/db/contact-search";
import { findContactIdsByEmails, findContactIdsByPhoneDigits } from "@/lib/db/contact-batches";
import { findChannelsOfContacts } from "@/lib/db/contact-channel-batches";
import { findExternalRefs } from "@/lib/db/external-ref-batches";
import { findLeadsByIdentity } from "@/lib/db/leads";
import { refreshStatisticsAfterImport } from "@/lib/db/optimize";
import { runConnector } from "@/lib/connectors/run";
import { crmcomConnector } from "@/lib/integrations/crmcom/connector";
import {
  type FakeCrmcom,
  type GeneratedContacts,
  generatedContact,
  startFakeCrmcom,
} from "@/tests/fakes/crmcom-server";
import { createTestDatabase, type TestDatabase } from "@/tests/support/test-database";
import Database from "better-sqlite3";
import pg from "pg";

const total = 30_000;
const generated: GeneratedContacts = { count: total, companyEvery: 5, invalidEvery: 1000 };
const apiKey = "sk-plans-test";
const importedTables = ["Contact", "ContactEmail", "ContactPhone", "ExternalRef"];

let database: TestDatabase;
let client: Db;
let engine: DbEngine;
let fake: FakeCrmcom;
/** Tables left empty, once statistics say so (a plan may then read them whole). */
const emptyTables = new Set<string>();

/** The i-th imported contact as a lookup sees it. */
function imported(i: number) {
  const c = generatedContact(generated, i);
  return {
    crmcomId: c.id as string,
    kind: c.contact_type === "COMPANY" ? ("company" as const) : ("person" as const),
    email: (c.email_address as string).toLowerCase(),
    phone: (c.phones as { number: string }[])[0]!.number,
  };
}

/** Names of the imported tables that have planner statistics. */
async function tablesWithStatistics(): Promise<string[]> {
  if (engine === "sqlite") {
    const sqlite = new Database(sqlitePath(database.url), { readonly: true });
    try {
      const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get();
      if (!exists) return [];
      const rows = sqlite.prepare(`SELECT DISTINCT tbl FROM sqlite_stat1`).all() as { tbl: string }[];
      return rows
        .map((r) => r.tbl)
        .filter((t) => importedTables.includes(t))
        .sort();
    } finally {
      sqlite.close();
    }
  }
  const pgClient = new pg.Client({ connectionString: database.url });
  await pgClient.connect();
  try {
    const { rows } = await pgClient.query<{ name: string }>(
      `SELECT DISTINCT tablename::text AS name FROM pg_stats WHERE schemaname = current_schema() AND tablename = ANY($1)
       UNION SELECT relname::text FROM pg_stat_user_tables WHERE relname = ANY($1) AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`,
      [importedTables],
    );
    return rows.map((r) => r.name).sort();
  } finally {
    await pgClient.end();
  }
}

type Statement = { text: string; values: readonly SqlValue[] };

/** The reader, recording the statements run through it (its transactions too). */
function recording(sql: Sql, into: Statement[]): Sql {
  return {
    ...sql,
    ...recordingTx(sql, into),
    transaction: (fn, options) => sql.transaction((tx) => fn(recordingTx(tx, into)), options),
  };
}

function recordingTx(tx: SqlTx, into: Statement[]): SqlTx {
  return {
    engine: tx.engine,
    execute: (text, values) => tx.execute(text, values),
    query: (text, values = [], kinds) => {
      into.push({ text, values });
      return tx.query(text, values, kinds);
    },
  };
}

type PlanNode = { node: string; table: string | null; index: string | null; fullScan: boolean };

/** PostgreSQL's JSON plan as a flat list of nodes (subplans and init plans included). */
function postgresNodes(plan: Record<string, unknown>): PlanNode[] {
  const type = String(plan["Node Type"]);
  const index = (plan["Index Name"] as string | undefined) ?? null;
  const node: PlanNode = {
    node: type,
    table: (plan["Relation Name"] as string | undefined) ?? null,
    index,
    // A sequential scan, or an index walked whole (no condition on it).
    fullScan:
      type === "Seq Scan" || (/Index (Only )?Scan/.test(type) && !type.startsWith("Bitmap") && !plan["Index Cond"]),
  };
  return [node, ...((plan.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(postgresNodes)];
}

/** SQLite's EXPLAIN QUERY PLAN lines as nodes: SCAN of a table is a full scan (json_each and FTS5 are virtual tables). */
function sqliteNodes(details: string[]): PlanNode[] {
  return details.map((detail) => {
    const scan = /^(SCAN|SEARCH) (\S+)(?: USING (?:COVERING |INTEGER PRIMARY KEY)?(?:INDEX (\S+))?)?/.exec(detail);
    return {
      node: detail,
      table: scan?.[2] ?? null,
      index: scan?.[3] ?? null,
      fullScan: scan?.[1] === "SCAN" && !/VIRTUAL TABLE/.test(detail),
    };
  });
}

async function explainOn(q: SqlTx, s: Statement) {
  const { values } = s;
  if (q.engine === "sqlite") {
    const rows = await q.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${s.text}`, values);
    return sqliteNodes(rows.map((r) => r.detail));
  }
  const [row] = await q.query<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }>(
    `EXPLAIN (FORMAT JSON) ${s.text}`,
    values,
  );
  return postgresNodes(row!["QUERY PLAN"][0].Plan);
}

type Checked = { statements: number; indexes: Set<string>; fullScans: string[]; kindIndex: boolean };

function check(label: string, plans: { text: string; nodes: PlanNode[] }[]): Checked {
  const indexes = new Set<string>();
  const fullScans: string[] = [];
  let kindIndex = false;
  for (const { text, nodes } of plans) {
    console.log(
      `[${engine}] ${label}: ${text.replace(/\s+/g, " ").slice(0, 110)}…\n    ${nodes.map((n) => n.node + (n.table && engine === "postgresql" ? ` ${n.table}` : "") + (n.index && engine === "postgresql" ? ` ${n.index}` : "")).join("\n    ")}`,
    );
    for (const n of nodes) {
      if (n.index) indexes.add(n.index);
      if (n.fullScan && !(n.table && emptyTables.has(n.table))) fullScans.push(`${n.node} ${n.table ?? ""}`);
      if (n.index === "Contact_kind_searchName_idx") kindIndex = true;
    }
  }
  return { statements: plans.length, indexes, fullScans, kindIndex };
}

/** The plans of what `run` sends through the reader. */
async function readerPlans(label: string, run: (sql: Sql) => Promise<unknown>): Promise<Checked> {
  const sql = sqlFor(database.url);
  const statements: Statement[] = [];
  await run(recording(sql, statements));
  const plans = [];
  for (const s of statements) plans.push({ text: s.text, nodes: await explainOn(sql, s) });
  return check(label, plans);
}

/** The plans of what `run` sends through an import's connection (in a transaction rolled back). */
async function importPlans(label: string, run: (tx: SqlTx) => Promise<unknown>): Promise<Checked> {
  const session = await openSession(database.url);
  try {
    return await session.transaction(
      async (tx) => {
        const statements: Statement[] = [];
        await run(recordingTx(tx, statements));
        const plans = [];
        for (const s of statements) plans.push({ text: s.text, nodes: await explainOn(tx, s) });
        return check(label, plans);
      },
      { rollback: true },
    );
  } finally {
    await session.close();
  }
}

/** The b-tree serving equality on an email or phone-digits key: on PostgreSQL the "C" one (lib/db/index-plans.ts textKey). */
const keyIndex = (name: "ContactEmail_emailLower" | "ContactPhone_digits") =>
  engine === "sqlite" ? `${name}_idx` : `${name}_prefix_idx`;

function expectIndexed(result: Checked, indexes: string[]) {
  expect(result.statements).toBeGreaterThan(0);
  expect(result.fullScans).toEqual([]);
  expect(result.kindIndex).toBe(false);
  for (const index of indexes) {
    if (!emptyTables.has(index.split("_")[0]!)) expect([...result.indexes]).toContain(index);
  }
}

// Spread over the import: the first, the middle and the last pages.
const samples = [7, 14_998, 29_995].map(imported);
const person = samples.find((s) => s.kind === "person")!;
const company = imported(15_000);

function hotPathChecks() {
  it("Sure Send widget: by link, by email, by phone, for people and companies", async () => {
    expectIndexed(await readerPlans("link", (sql) => findContactIdByExternalRef("suresend", "ss-unknown", sql)), [
      "ExternalRef_system_externalId_key",
    ]);
    for (const c of [person, company]) {
      const byEmail = await readerPlans(`email (${c.kind})`, async (sql) => {
        expect(await findContactIdByEmailOrPhone([c.email.toUpperCase()], [c.phone], c.kind, sql)).not.toBeNull();
      });
      expectIndexed(byEmail, [keyIndex("ContactEmail_emailLower")]);
      const byPhone = await readerPlans(`phone (${c.kind})`, async (sql) => {
        expect(await findContactIdByEmailOrPhone(["nobody@example.org"], [c.phone], c.kind, sql)).not.toBeNull();
      });
      expectIndexed(byPhone, [keyIndex("ContactEmail_emailLower"), keyIndex("ContactPhone_digits")]);
    }
  });

  it("the contact view (Sure Send widget and SocialSignIn iframe): every part by the contact's id", async () => {
    const id = await findContactIdByEmailOrPhone([person.email], [], "person", sqlFor(database.url));
    const record = await readerPlans("record", async (sql) => expect(await loadContactRecord(id!, sql)).not.toBeNull());
    expectIndexed(record, [
      "ContactEmail_contactId_emailLower_key",
      "ContactPhone_contactId_digits_key",
      "ContactAddress_contactId_idx",
      "ExternalRef_contactId_idx",
      "Note_contactId_createdAt_idx",
      "Lead_contactId_leadDate_idx",
    ]);
  });

  it("SocialSignIn search: names, emails and phones, hits and misses", async () => {
    for (const q of ["first00149", "Company 0150", "contact00149", "447700001", "zqxwv", "ra"]) {
      for (const { probe, plan } of await explainSearch(q, { sql: sqlFor(database.url) })) {
        console.log(`[${engine}] search ${JSON.stringify(q)} ${probe}:\n    ${plan.join("\n    ")}`);
        if (engine === "sqlite")
          expect(
            sqliteNodes(plan).filter((n) => n.fullScan),
            probe,
          ).toEqual([]);
        else
          expect(
            plan.filter((l) => /Seq Scan/.test(l)),
            probe,
          ).toEqual([]);
        expect(
          plan.filter((l) => /Contact_kind_searchName_idx/.test(l)),
          probe,
        ).toEqual([]);
      }
    }
  });

  it("imports: links, matching by email and phone (unlinked or not), channels, leads", async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => imported(i * 29));
    expectIndexed(
      await importPlans("links", (tx) =>
        findExternalRefs(
          tx,
          "crmcom",
          ids.map((c) => c.crmcomId),
        ),
      ),
      ["ExternalRef_system_externalId_key"],
    );
    const emails = ids.map((c) => c.email);
    const digits = ids.map((c) => c.phone.replace(/\D/g, ""));
    const options = { notLinkedTo: "crmcom" } as const;
    expectIndexed(
      await importPlans("match by email", async (tx) => {
        await findContactIdsByEmails(tx, emails, options);
        await findContactIdsByEmails(tx, emails);
      }),
      [keyIndex("ContactEmail_emailLower"), "ExternalRef_contactId_idx"],
    );
    const byPhone = await importPlans("match by phone", async (tx) => {
      await findContactIdsByPhoneDigits(tx, digits, options);
      return findContactIdsByPhoneDigits(tx, digits);
    });
    expectIndexed(byPhone, [keyIndex("ContactPhone_digits"), "ExternalRef_contactId_idx"]);
    const sql = sqlFor(database.url);
    const found = await Promise.all(samples.map((c) => findContactIdByEmailOrPhone([c.email], [], c.kind, sql)));
    const contactIds = found.filter((id): id is string => id !== null);
    expect(contactIds).toHaveLength(samples.length);
    expectIndexed(await importPlans("channels", (tx) => findChannelsOfContacts(tx, contactIds)), [
      "ContactEmail_contactId_emailLower_key",
      "ContactPhone_contactId_digits_key",
    ]);
    expectIndexed(await importPlans("leads", (tx) => findLeadsByIdentity(tx, "housing", ["P-1|447700000001|x"])), [
      "Lead_source_identityKey_key",
    ]);
  });
}

beforeAll(async () => {
  database = await createTestDatabase(process.env.DATABASE_URL);
  client = createDb(database.url);
  engine = engineOf(database.url);
  if (engine === "postgresql") {
    // Autovacuum would analyze the tables a minute after the import: not in this database.
    const sql = sqlFor(database.url);
    const rows = await sql.query<{ name: string }>(
      `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema()`,
    );
    for (const { name } of rows) await sql.execute(`ALTER TABLE "${name}" SET (autovacuum_enabled = off)`);
  }
  // The reader opens before the import, as in a server that runs while an operator imports.
  await sqlFor(database.url).query(`SELECT 1`);
  fake = await startFakeCrmcom({ generated, secretKeys: [apiKey] });
  const started = performance.now();
  const connector = crmcomConnector({ apiUrl: fake.url, auth: { kind: "apiKey", apiKey }, pageSize: 100 });
  const result = await runConnector(connector, { client, refreshStatistics: false });
  expect(result.status).toBe("succeeded");
  expect(result.counts.created).toBe(total - total / 1000);
  console.log(
    `[${engine}] imported ${result.counts.created} contacts in ${Math.round(performance.now() - started)} ms`,
  );
}, 120_000);

afterAll(async () => {
  await fake?.close();
  await client?.$disconnect();
  await database?.drop();
});

describe(`hot-path plans after importing ${total.toLocaleString("en-US")} CRM.COM contacts`, () => {
  describe("never analyzed", () => {
    it("has no statistics for the imported tables", async () => {
      expect(await tablesWithStatistics()).toEqual([]);
    });
    hotPathChecks();
    it("still has no statistics (the checks did not analyze anything)", async () => {
      expect(await tablesWithStatistics()).toEqual([]);
    });
  });

  describe("with the statistics a connector run writes at its end", () => {
    beforeAll(async () => {
      await refreshStatisticsAfterImport(database.url, total);
      // Statistics now say these are empty: reading them whole is then the right plan.
      for (const table of ["Note", "Lead", "ContactAddress", "StaffUser"]) {
        const [row] = await sqlFor(database.url).query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`, [], {
          n: "number",
        });
        if (row!.n === 0) emptyTables.add(table);
      }
      // A reader (and its cached plans) opened afresh, as after a restart.
      await closeSqlFor(database.url);
    }, 60_000);

    it("has statistics for the imported tables", async () => {
      expect(await tablesWithStatistics()).toEqual([...importedTables].sort());
    });
    hotPathChecks();
  });
});
