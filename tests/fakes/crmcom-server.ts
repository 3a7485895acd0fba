// A fake CRM.COM Back-Office on 127.0.0.1, implementing the other side of what the
// connector uses (seed 004, contract section 6): secret and public API keys in the
// `api_key` header (a public key may not read contacts: 403), user sign-in issuing
// short-lived JWT-like tokens with a refresh token, and paged contacts sorted by update
// time. Contacts may be generated on the fly, so 100,000 of them cost no memory.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";

export type FakeContact = Record<string, unknown>;

/**
 * `count` contacts generated from their index, already in update order: contact i is
 * updated at `from + i` seconds. Every `companyEvery`-th is a COMPANY, every
 * `invalidEvery`-th has a malformed email address.
 */
export type GeneratedContacts = { count: number; from?: number; companyEvery?: number; invalidEvery?: number };

/** "serve": answer this request normally (so a script can fail a later one). */
export type ScriptedResponse = "serve" | number | { status: number; body?: string; headers?: Record<string, string> };

export type FakeCrmcomOptions = {
  /** contacts as CRM.COM would store them (any shape: malformed ones are served as they are) */
  contacts?: FakeContact[];
  generated?: GeneratedContacts;
  secretKeys?: string[];
  publicKeys?: string[];
  users?: { username: string; password: string }[];
  /** how long an access token lives (default 60 s) */
  tokenTtlMs?: number;
  /** how long a refresh token lives (default 1 hour); each is good for one refresh */
  refreshTtlMs?: number;
  /** "paged": {content, paging}; "array": a bare array (the client then stops at a short page) */
  shape?: "paged" | "array";
  /** serve page 1 whatever page is asked for (as a server that does not page would) */
  ignorePage?: boolean;
  /** called before a contacts page is served (e.g. to hold it while a test kills the client) */
  beforePage?: (page: number) => Promise<void> | void;
};

export type FakeRequest = {
  method: string;
  path: string;
  /** the page asked for, on contacts requests */
  page?: number;
  size?: number;
  auth: "key" | "bearer" | "none";
  status: number;
};

export type FakeCrmcom = {
  /** the origin, for CRMCOM_API_URL */
  url: string;
  log: FakeRequest[];
  /** every access and refresh token issued (to check that none leaks) */
  issued: string[];
  /** answer the next contacts requests (after authentication) with these */
  failNext(...responses: ScriptedResponse[]): void;
  setContacts(contacts: FakeContact[]): void;
  /** replaces the contact with the same id, or adds it */
  putContact(contact: FakeContact): void;
  /** makes every access token issued so far expired (and every refresh token too, with "all") */
  expireTokens(which?: "access" | "all"): void;
  contactsRequests(): FakeRequest[];
  close(): Promise<void>;
};

export const contactsPath = "/backoffice/v1/contacts";

export function generatedContact(g: GeneratedContacts, i: number): FakeContact {
  const updated = (g.from ?? 1_767_225_600) + i;
  const n = String(i).padStart(7, "0");
  const phone = { number: `+44 7700 ${n}`, country_code: "GBR", phone_type: "MOBILE", is_primary: true };
  const email = g.invalidEvery && i % g.invalidEvery === g.invalidEvery - 1 ? `broken-${n}` : `contact${n}@example.com`;
  // The three forms CRM.COM dates come in: epoch seconds, epoch milliseconds, ISO 8601.
  const updated_date = i % 3 === 0 ? updated : i % 3 === 1 ? updated * 1000 : new Date(updated * 1000).toISOString();
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  if (g.companyEvery && i % g.companyEvery === 0) {
    return {
      id,
      contact_type: "COMPANY",
      company_name: `Company ${n} Ltd`,
      email_address: email,
      phones: [phone],
      updated_date,
    };
  }
  return {
    id,
    contact_type: "PERSON",
    first_name: `First${n}`,
    last_name: "Generated",
    email_address: email,
    phones: [phone],
    updated_date,
    loyalty_tier: "gold",
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

/** A contact's update time in ms, however CRM.COM wrote it (0 when unreadable: sorted first). */
function updatedAt(contact: FakeContact): number {
  const v = contact.updated_date;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : null;
  if (n !== null) return n > 1e12 ? n : n * 1000;
  return typeof v === "string" ? Date.parse(v) || 0 : 0;
}

export async function startFakeCrmcom(options: FakeCrmcomOptions): Promise<FakeCrmcom> {
  const accessTokens = new Map<string, number>();
  const refreshTokens = new Map<string, { username: string; expiresAt: number }>();
  const log: FakeRequest[] = [];
  const issued: string[] = [];
  const scripted: ScriptedResponse[] = [];
  let contacts = options.contacts ?? [];
  // Sorted once per change, not per request: a 100,000-contact listing is served page by page.
  let sorted: FakeContact[] | null = null;
  const ordered = () =>
    (sorted ??= [...contacts].sort((a, b) => updatedAt(a) - updatedAt(b) || String(a.id).localeCompare(String(b.id))));
  const total = () => options.generated?.count ?? contacts.length;
  const slice = (from: number, to: number): FakeContact[] => {
    const g = options.generated;
    if (!g) return ordered().slice(from, to);
    const page: FakeContact[] = [];
    for (let i = from; i < Math.min(to, g.count); i++) page.push(generatedContact(g, i));
    return page;
  };

  function issue(username: string) {
    const access = `at-${randomBytes(12).toString("hex")}`;
    const refresh = `rt-${randomBytes(12).toString("hex")}`;
    const ttl = options.tokenTtlMs ?? 60_000;
    accessTokens.set(access, Date.now() + ttl);
    refreshTokens.set(refresh, { username, expiresAt: Date.now() + (options.refreshTtlMs ?? 3_600_000) });
    issued.push(access, refresh);
    return {
      access_token: access,
      refresh_token: refresh,
      expiration_date: Math.floor((Date.now() + ttl) / 1000),
      organisations: [{ id: "2f0b7d1e-0000-4000-8000-000000000001", name: "Fake Business", org_type: "BUSINESS" }],
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const apiKey = req.headers.api_key;
    const entry: FakeRequest = {
      method: req.method ?? "",
      path: url.pathname,
      auth: apiKey ? "key" : bearer ? "bearer" : "none",
      status: 200,
    };
    log.push(entry);
    const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
      entry.status = status;
      send(res, status, typeof body === "string" ? body : JSON.stringify(body), headers);
    };
    const error = (status: number, code: string, message: string) => reply(status, { error: code, message });

    if (req.method === "POST" && url.pathname === "/backoffice/v1/users/authenticate") {
      const body = (await readJson(req)) as { username?: unknown; password?: unknown } | null;
      if (typeof body?.username !== "string" || typeof body.password !== "string") {
        return error(400, "INVALID_REQUEST", "username and password are required");
      }
      const user = options.users?.find((u) => u.username === body.username && u.password === body.password);
      return user
        ? reply(200, issue(user.username))
        : error(401, "INVALID_CREDENTIALS", "Invalid username or password");
    }
    if (req.method === "POST" && url.pathname === "/backoffice/v1/users/refresh") {
      const held = bearer ? refreshTokens.get(bearer) : undefined;
      if (!held || !bearer || held.expiresAt < Date.now())
        return error(401, "INVALID_REFRESH_TOKEN", "Refresh token is invalid or expired");
      refreshTokens.delete(bearer);
      return reply(200, issue(held.username));
    }
    if (req.method === "GET" && url.pathname === contactsPath) {
      const page = Number(url.searchParams.get("page") ?? "1");
      const size = Number(url.searchParams.get("size") ?? "20");
      entry.page = page;
      entry.size = size;
      if (typeof apiKey === "string") {
        if (options.publicKeys?.includes(apiKey))
          return error(403, "FORBIDDEN", "Public API keys cannot access this resource");
        if (!options.secretKeys?.includes(apiKey)) return error(401, "UNAUTHORIZED", "Invalid API key");
      } else {
        const expiresAt = bearer ? accessTokens.get(bearer) : undefined;
        if (expiresAt === undefined) return error(401, "UNAUTHORIZED", "Missing or invalid token");
        if (expiresAt < Date.now()) return error(401, "TOKEN_EXPIRED", "Token expired");
      }
      const script = scripted.shift();
      if (script !== undefined && script !== "serve") {
        const s = typeof script === "number" ? { status: script } : script;
        return reply(s.status, s.body ?? { error: "FAKE_FAILURE", message: `scripted ${s.status}` }, s.headers);
      }
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) {
        return error(400, "INVALID_PARAMETER", "page must be >= 1 and size 1..100");
      }
      if (url.searchParams.get("sort") !== "UPDATED_DATE" || url.searchParams.get("order") !== "ASC") {
        return error(400, "INVALID_PARAMETER", "this fake serves sort=UPDATED_DATE&order=ASC only");
      }
      await options.beforePage?.(page);
      const served = options.ignorePage ? 1 : page;
      const content = slice((served - 1) * size, served * size);
      if (options.shape === "array") return reply(200, content);
      return reply(200, { content, paging: { page, size, total: total(), has_more: page * size < total() } });
    }
    error(404, "NOT_FOUND", "no such endpoint");
  }
  const server: Server = createServer((req, res) => void handle(req, res));

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    issued,
    failNext: (...responses) => void scripted.push(...responses),
    setContacts: (list) => {
      contacts = list;
      sorted = null;
    },
    putContact: (contact) => {
      contacts = [...contacts.filter((c) => c.id !== contact.id), contact];
      sorted = null;
    },
    expireTokens: (which = "access") => {
      for (const token of accessTokens.keys()) accessTokens.set(token, 0);
      if (which === "all") for (const held of refreshTokens.values()) held.expiresAt = 0;
    },
    contactsRequests: () => log.filter((r) => r.path === contactsPath),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
