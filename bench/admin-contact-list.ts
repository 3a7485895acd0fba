// Times the admin contacts list (lib/db/contact-list.ts) on a million contacts:
//   npx tsx --conditions=react-server bench/admin-contact-list.ts [contacts]
// A database on the engine of DATABASE_URL (SQLite by default) is bulk-loaded once with
// generated people and companies (bench/.data/, or a PostgreSQL database of its own),
// then each kind of page is read and timed. Sources are deliberately uneven, and a
// source's contacts share their first names, so the name index has long stretches
// without a given source: the case the scan budget bounds.
import Database from "better-sqlite3";
import pg from "pg";
import { existsSync, mkdirSync } from "node:fs";
import { migrate } from "@/lib/db/migrate";
import { createDb } from "@/lib/db/client";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { countContactsUpTo, listContacts, type ContactListFilter, type ListPosition } from "@/lib/db/contact-list";
import { postgresDatabase } from "./postgres-databases";

const total = Number(process.argv[2] ?? 1_000_000);
const first = [
  "ana",
  "bruno",
  "carla",
  "dev",
  "elena",
  "farid",
  "gita",
  "hugo",
  "ines",
  "jamal",
  "kiran",
  "lena",
  "mohan",
  "nadia",
  "omar",
  "priya",
  "quinn",
  "rahul",
  "sara",
  "tariq",
];
const last = [
  "acharya",
  "bose",
  "costa",
  "dias",
  "evans",
  "fernandes",
  "gupta",
  "haddad",
  "iyer",
  "jones",
  "khan",
  "lopez",
  "mehta",
  "nair",
  "ortiz",
  "patel",
  "qureshi",
  "rao",
  "singh",
  "thomas",
];

/** Deterministic rows: 90% people, sources spread from common (housing) to rare (socialsignin). */
function row(i: number) {
  const company = i % 10 === 0;
  const name = company
    ? `${last[i % 20]} ${["builders", "realty", "homes", "estates"][i % 4]} ${i}`
    : `${first[i % 20]} ${last[Math.floor(i / 20) % 20]} ${i % 997}`;
  const source =
    i % 1000 === 7
      ? "socialsignin"
      : i % 100 === 3
        ? "suresend"
        : i % 10 === 1
          ? "retailcrm"
          : i % 3 === 0
            ? "crmcom"
            : "housing";
  const id = `c${i.toString(36).padStart(10, "0")}`;
  return { id, kind: company ? "company" : "person", name, source };
}

async function benchDatabaseUrl(): Promise<{ url: string; fresh: boolean }> {
  const base = process.env.DATABASE_URL;
  if (!base || engineOf(base) === "sqlite") {
    mkdirSync("bench/.data", { recursive: true });
    const path = `bench/.data/admin-list-${total}.db`;
    return { url: `file:${path}`, fresh: !existsSync(path) };
  }
  const made = await postgresDatabase(base, `crm_bridge_admin_list_${total}`, "reuse");
  return { url: made.url, fresh: made.created };
}

const database = await benchDatabaseUrl();
await migrate(database.url);
const now = new Date().toISOString();
const loadStart = performance.now();
if (!database.fresh) {
  console.log(`reusing ${database.url}`);
} else if (engineOf(database.url) === "sqlite") {
  const sqlite = new Database(sqlitePath(database.url));
  sqlite.pragma("journal_mode = WAL");
  const contact = sqlite.prepare(
    `INSERT INTO Contact (id, kind, displayName, searchName, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const email = sqlite.prepare(
    `INSERT INTO ContactEmail (id, contactId, email, emailLower, isPrimary) VALUES (?, ?, ?, ?, 1)`,
  );
  const ref = sqlite.prepare(
    `INSERT INTO ExternalRef (id, system, externalId, contactId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const load = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const r = row(i);
      contact.run(r.id, r.kind, r.name, r.name, now, now);
      email.run(`e${r.id}`, r.id, `${r.id}@example.com`, `${r.id}@example.com`);
      ref.run(`r${r.id}`, r.source, r.id, r.id, now, now);
    }
  });
  for (let i = 0; i < total; i += 50_000) load(i, Math.min(total, i + 50_000));
  sqlite.exec("ANALYZE");
  sqlite.close();
} else {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  for (let i = 0; i < total; i += 20_000) {
    const rows = Array.from({ length: Math.min(20_000, total - i) }, (_, k) => row(i + k));
    await client.query(
      `INSERT INTO "Contact" (id, kind, "displayName", "searchName", "createdAt", "updatedAt")
       SELECT id, kind, name, name, now(), now() FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, kind, name)`,
      [rows.map((r) => r.id), rows.map((r) => r.kind), rows.map((r) => r.name)],
    );
    await client.query(
      `INSERT INTO "ContactEmail" (id, "contactId", email, "emailLower", "isPrimary") SELECT 'e' || id, id, id || '@example.com', id || '@example.com', true FROM unnest($1::text[]) AS t(id)`,
      [rows.map((r) => r.id)],
    );
    await client.query(
      `INSERT INTO "ExternalRef" (id, system, "externalId", "contactId", "createdAt", "updatedAt") SELECT 'r' || id, system, id, id, now(), now() FROM unnest($1::text[], $2::text[]) AS t(id, system)`,
      [rows.map((r) => r.id), rows.map((r) => r.source)],
    );
  }
  await client.query("VACUUM ANALYZE");
  await client.end();
}
if (database.fresh)
  console.log(
    `loaded ${total.toLocaleString("en-US")} contacts in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (${engineOf(database.url)})`,
  );

const client = createDb(database.url);
async function time(label: string, run: () => Promise<unknown>) {
  await run(); // warm
  const samples: number[] = [];
  for (let n = 0; n < 5; n++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(52)} median ${samples[2]!.toFixed(1).padStart(7)} ms   max ${samples[4]!.toFixed(1).padStart(7)} ms`,
  );
}

/** The cursor of page `n` of a filter, found by walking (not timed). */
async function cursorOfPage(filter: ContactListFilter, n: number): Promise<ListPosition> {
  let position: ListPosition = {};
  for (let p = 1; p < n; p++) {
    const page = await listContacts(filter, position, { client });
    if (!page.next) break;
    position = { after: page.next };
  }
  return position;
}

const deep = total >= 500_000 ? 5000 : 50;
const farCursor = { after: { name: "sara", id: "" } };
const cases: [string, ContactListFilter, ListPosition][] = [
  ["all, page 1", {}, {}],
  ["all, far into the list (keyset)", {}, farCursor],
  [`all, page ${deep} (walked to)`, {}, await cursorOfPage({}, deep)],
  ["all, backwards from far in", {}, { before: farCursor.after }],
  ["companies, page 1", { kind: "company" }, {}],
  ["people, far in", { kind: "person" }, farCursor],
  ["source housing (common), page 1", { source: "housing" }, {}],
  ["source suresend (1%), page 1", { source: "suresend" }, {}],
  ["source socialsignin (0.1%), page 1", { source: "socialsignin" }, {}],
  ["source suresend + companies (none)", { source: "suresend", kind: "company" }, {}],
  ["source retailcrm (10%) + companies (none)", { source: "retailcrm", kind: "company" }, {}],
  ["source crmcom (30%), far in", { source: "crmcom" }, farCursor],
];
// Optional overrides of the list's two knobs, to compare settings.
const knobs = {
  ...(process.env.REF_DRIVEN_BELOW ? { refDrivenBelow: Number(process.env.REF_DRIVEN_BELOW) } : {}),
  ...(process.env.SCAN_BUDGET ? { scanBudget: Number(process.env.SCAN_BUDGET) } : {}),
};
for (const [label, filter, position] of cases)
  await time(label, () => listContacts(filter, position, { client, ...knobs }));
await time("count up to 1,001, all", () => countContactsUpTo({}, 1001, { client, ...knobs }));
await time("count up to 1,001, source socialsignin", () =>
  countContactsUpTo({ source: "socialsignin" }, 1001, { client, ...knobs }),
);
await time("count up to 1,001, source housing", () =>
  countContactsUpTo({ source: "housing" }, 1001, { client, ...knobs }),
);
await time("count up to 1,001, retailcrm companies (none)", () =>
  countContactsUpTo({ source: "retailcrm", kind: "company" }, 1001, { client, ...knobs }),
);
await client.$disconnect();
