// The raw baseline of `npm run bench`: a plain node:http server doing what the app does
// on its hot paths — the same signature check and the same indexed lookups, through the
// same driver reader (lib/db/sql.ts) — and a minimal response. What the framework and
// the rendering cost is measured against it. Run as a child process: `tsx bench/raw-server.ts <port> <databaseUrl>`.
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import { escapeHtml } from "@/lib/http/html";
import { verifyHexSignature } from "@/lib/signing/hmac";
import { signedContextText } from "@/lib/integrations/suresend/verify";
import { testSecrets } from "@/tests/support/test-config";
import { verifySocialSignInQuery } from "@/lib/integrations/socialsignin/verify";
import { rawQueryOf } from "@/lib/http/raw-query";
import { sqlFor } from "@/lib/db/driver";
import { searchContacts } from "@/lib/db/contact-search";
import { loadContactRecord } from "@/lib/db/contact-records";
import { findContactIdByExternalRef } from "@/lib/db/contacts";

const [port, databaseUrl] = [Number(process.argv[2]), process.argv[3]!];
const ring = [{ slot: "current" as const, secret: testSecrets.SURESEND_WIDGET_SECRET }];
const socialRing = [{ slot: "current" as const, secret: testSecrets.SOCIALSIGNIN_SECRET }];

const sql = sqlFor(databaseUrl);

/** The app's search (the same lookups through the same driver reader, the same ranking). */
async function search(url: string): Promise<[number, string]> {
  const verified = verifySocialSignInQuery({
    rawQuery: rawQueryOf(url),
    required: "q",
    ring: socialRing,
    now: Math.floor(Date.now() / 1000),
  });
  if (!verified.ok) return [verified.status, verified.code];
  return [200, JSON.stringify({ results: await searchContacts(verified.value, { sql }) })];
}

async function iframe(url: string): Promise<[number, string]> {
  const verified = verifySocialSignInQuery({
    rawQuery: rawQueryOf(url),
    required: "id",
    ring: socialRing,
    now: Math.floor(Date.now() / 1000),
  });
  if (!verified.ok) return [verified.status, verified.code];
  return contactHtml(verified.value);
}

async function widget(params: URLSearchParams): Promise<[number, string]> {
  const context = params.get("context");
  const signature = params.get("signature");
  if (!context || !signature) return [400, "missing_parameter"];
  const signed = signedContextText(context);
  if (!verifyHexSignature(signed, signature, ring)) return [403, "bad_signature"];
  const data = JSON.parse(Buffer.from(signed, "base64").toString("utf8")) as {
    person?: { id?: string };
    company?: { id?: string };
  };
  const externalId = (data.person ?? data.company)?.id ?? "";
  const id = await findContactIdByExternalRef("suresend", externalId, sql);
  if (!id) return [200, "<main><p>Not in CRM Bridge yet</p></main>"];
  return contactHtml(id);
}

/** The app's record lookup (the same statements), written as a minimal page. */
async function contactHtml(id: string): Promise<[number, string]> {
  const record = await loadContactRecord(id, sql);
  if (!record) return [404, "not_found"];
  const items = (texts: string[]) => `<ul>${texts.map((text) => `<li>${escapeHtml(text)}</li>`).join("")}</ul>`;
  const html = `<main><h1>${escapeHtml(record.card.name)}</h1>${items(record.card.emails.map((e) => e.value))}${items(
    record.card.phones.map((p) => p.value),
  )}${items(record.notes.map((n) => n.body))}${items(record.leads.map((l) => l.projectName ?? ""))}</main>`;
  return [200, html];
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  try {
    if (url.pathname === "/widgets/suresend") {
      const [status, body] = await widget(url.searchParams);
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
      res.end(body);
      return;
    }
    if (url.pathname === "/api/socialsignin/search" || url.pathname === "/socialsignin/iframe") {
      const [status, body] =
        url.pathname === "/socialsignin/iframe" ? await iframe(req.url ?? "") : await search(req.url ?? "");
      res.writeHead(status, {
        "Content-Type": url.pathname === "/socialsignin/iframe" ? "text/html; charset=utf-8" : "application/json",
      });
      res.end(body);
      return;
    }
    if (url.pathname === "/api/health") {
      await sql.query("SELECT 1");
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"status":"ok","database":"ok"}');
      return;
    }
    res.writeHead(404);
    res.end();
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
}

// serve() answers every failure itself, so nothing is left for a rejected promise.
const server = createServer((req, res) => void serve(req, res));
server.listen(port, "127.0.0.1", () => console.log(`raw baseline on ${port}`));
