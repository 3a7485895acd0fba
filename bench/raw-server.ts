// The raw baseline of `npm run bench`: a plain node:http server doing what the app does
// on its hot paths — the same signature check and the same indexed lookups — with the
// database driver directly and a minimal response. What the framework and ORM cost is
// measured against it. Run as a child process: `tsx bench/raw-server.ts <port> <databaseUrl>`.
import { createServer } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { escapeHtml } from "@/lib/http/html";
import { verifyHexSignature } from "@/lib/signing/hmac";
import { signedContextText } from "@/lib/integrations/suresend/verify";
import { testSecrets } from "@/tests/support/test-config";
import { verifySocialSignInQuery } from "@/lib/integrations/socialsignin/verify";
import { rawQueryOf } from "@/lib/http/raw-query";
import { parseSearchTerm } from "@/lib/search/term";
import { rankHits, type SearchHit } from "@/lib/search/rank";
import { searchProbes } from "@/lib/db/contact-search-sql";

const [port, databaseUrl] = [Number(process.argv[2]), process.argv[3]!];
const ring = [{ slot: "current" as const, secret: testSecrets.SURESEND_WIDGET_SECRET }];
const socialRing = [{ slot: "current" as const, secret: testSecrets.SOCIALSIGNIN_SECRET }];
const engine = engineOf(databaseUrl);

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

function sqliteQuery(): Query {
  const sqlite = new Database(sqlitePath(databaseUrl), { readonly: true });
  const cache = new Map<string, Database.Statement>();
  return async (sql, params) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = sqlite.prepare(sql.replace(/\$\d+/g, "?"))));
    return statement.all(...params) as Record<string, unknown>[];
  };
}

function postgresQuery(): Query {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  return async (sql, params) => (await pool.query(sql, params)).rows;
}

const query = engine === "sqlite" ? sqliteQuery() : postgresQuery();

/** The app's search lookups (the same SQL and ranking), run through the driver. */
async function search(url: string): Promise<[number, string]> {
  const verified = verifySocialSignInQuery({ rawQuery: rawQueryOf(url), required: "q", ring: socialRing, now: Math.floor(Date.now() / 1000) });
  if (!verified.ok) return [verified.error.status, verified.error.code];
  const term = parseSearchTerm(verified.value);
  if (!term) return [200, '{"results":[]}'];
  const probes = searchProbes(term, engine, 40);
  const run = (stage: string) =>
    Promise.all(
      probes
        .filter((p) => p.stage === stage)
        .map((p) => query(engine === "sqlite" ? p.sql.sql : p.sql.text, p.sql.values) as Promise<SearchHit[]>),
    ).then((lists) => lists.flat());
  const first = await run("exact-prefix");
  let results = rankHits(first, term, 20);
  if (results.length < 20) results = rankHits([...first, ...(await run("anywhere"))], term, 20);
  return [200, JSON.stringify({ results })];
}

async function iframe(url: string): Promise<[number, string]> {
  const verified = verifySocialSignInQuery({ rawQuery: rawQueryOf(url), required: "id", ring: socialRing, now: Math.floor(Date.now() / 1000) });
  if (!verified.ok) return [verified.error.status, verified.error.code];
  return contactHtml(verified.value);
}

async function widget(params: URLSearchParams): Promise<[number, string]> {
  const context = params.get("context");
  const signature = params.get("signature");
  if (!context || !signature) return [400, "missing_parameter"];
  const signed = signedContextText(context);
  if (!verifyHexSignature(signed, signature, ring)) return [403, "bad_signature"];
  const data = JSON.parse(Buffer.from(signed, "base64").toString("utf8")) as { person?: { id?: string }; company?: { id?: string } };
  const externalId = (data.person ?? data.company)?.id ?? "";
  const [ref] = await query(`SELECT "contactId" FROM "ExternalRef" WHERE "system" = 'suresend' AND "externalId" = $1`, [externalId]);
  if (!ref) return [200, "<main><p>Not in CRM Bridge yet</p></main>"];
  return contactHtml(String(ref.contactId));
}

async function contactHtml(id: string): Promise<[number, string]> {
  const [contact] = await query(`SELECT "id", "displayName" FROM "Contact" WHERE "id" = $1`, [id]);
  if (!contact) return [404, "not_found"];
  const [notes, leads] = await Promise.all([
    query(`SELECT "body" FROM "Note" WHERE "contactId" = $1 AND "deletedAt" IS NULL ORDER BY "createdAt" DESC LIMIT 50`, [contact.id]),
    query(`SELECT "projectName", "locality" FROM "Lead" WHERE "contactId" = $1 ORDER BY "leadDate" DESC LIMIT 50`, [contact.id]),
  ]);
  const html = `<main><h1>${escapeHtml(String(contact.displayName))}</h1><ul>${notes.map((n) => `<li>${escapeHtml(String(n.body))}</li>`).join("")}</ul><ul>${leads.map((l) => `<li>${escapeHtml(String(l.projectName))}</li>`).join("")}</ul></main>`;
  return [200, html];
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  try {
    if (url.pathname === "/widgets/suresend") {
      const [status, body] = await widget(url.searchParams);
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(body);
    }
    if (url.pathname === "/api/socialsignin/search" || url.pathname === "/socialsignin/iframe") {
      const [status, body] = url.pathname === "/socialsignin/iframe" ? await iframe(req.url ?? "") : await search(req.url ?? "");
      res.writeHead(status, { "Content-Type": url.pathname === "/socialsignin/iframe" ? "text/html; charset=utf-8" : "application/json" });
      return res.end(body);
    }
    if (url.pathname === "/api/health") {
      await query("SELECT 1", []);
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end('{"status":"ok","database":"ok"}');
    }
    res.writeHead(404);
    res.end();
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});
server.listen(port, "127.0.0.1", () => console.log(`raw baseline on ${port}`));
