// A fake CRM.COM Back-Office on 127.0.0.1, implementing the other side of what the
// connector uses (seed 004, contract section 6): secret and public API keys in the
// `api_key` header, user sign-in issuing short-lived JWT-like tokens with refresh, and
// paged contacts sorted by update time.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";

export type FakeCrmcomOptions = {
  /** contacts as CRM.COM would store them (any shape: malformed ones are served as they are) */
  contacts: Record<string, unknown>[];
  secretKeys?: string[];
  publicKeys?: string[];
  users?: { username: string; password: string }[];
  /** how long an access token lives */
  tokenTtlMs?: number;
  /** statuses to answer to the next contacts requests before serving normally (e.g. [500, 429]) */
  failNext?: number[];
  /** called before a contacts page is served (e.g. to hold it while a test kills the client) */
  beforePage?: (page: number) => Promise<void> | void;
};

export type FakeCrmcom = {
  url: string;
  options: FakeCrmcomOptions;
  log: { method: string; path: string; auth: "key" | "bearer" | "none"; status: number }[];
  close: () => Promise<void>;
};

type Token = { username: string; expiresAt: number };

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
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

function updatedAt(contact: Record<string, unknown>): number {
  const v = contact.updated_date;
  if (typeof v === "number") return v > 1e12 ? v : v * 1000;
  if (typeof v === "string") return /^\d+$/.test(v) ? Number(v) * (Number(v) > 1e12 ? 1 : 1000) : Date.parse(v) || 0;
  return 0;
}

export async function startFakeCrmcom(options: FakeCrmcomOptions): Promise<FakeCrmcom> {
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, string>();
  const log: FakeCrmcom["log"] = [];
  const ttl = () => options.tokenTtlMs ?? 60_000;

  function issue(username: string) {
    const access = `at-${randomBytes(12).toString("hex")}`;
    const refresh = `rt-${randomBytes(12).toString("hex")}`;
    accessTokens.set(access, { username, expiresAt: Date.now() + ttl() });
    refreshTokens.set(refresh, username);
    return { access_token: access, refresh_token: refresh, expires_in: Math.floor(ttl() / 1000), token_type: "Bearer" };
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const apiKey = req.headers.api_key;
    const entry = { method: req.method ?? "", path: url.pathname, auth: (apiKey ? "key" : bearer ? "bearer" : "none") as "key" | "bearer" | "none", status: 200 };
    log.push(entry);
    const reply = (status: number, body: unknown) => {
      entry.status = status;
      send(res, status, body);
    };

    if (req.method === "POST" && url.pathname === "/backoffice/v1/users/authenticate") {
      const body = (await readJson(req)) as { username?: string; password?: string } | null;
      const user = options.users?.find((u) => u.username === body?.username?.trim() && u.password === body?.password);
      return user ? reply(200, issue(user.username)) : reply(401, { code: "UNAUTHORIZED", message: "Invalid credentials" });
    }
    if (req.method === "POST" && url.pathname === "/backoffice/v1/users/refresh") {
      const username = bearer ? refreshTokens.get(bearer) : undefined;
      if (!username || !bearer) return reply(401, { code: "UNAUTHORIZED", message: "Invalid refresh token" });
      refreshTokens.delete(bearer);
      return reply(200, issue(username));
    }
    if (req.method === "GET" && url.pathname === "/backoffice/v1/contacts") {
      if (typeof apiKey === "string") {
        if (options.publicKeys?.includes(apiKey)) return reply(403, { code: "FORBIDDEN", message: "Public API keys cannot access this resource" });
        if (!options.secretKeys?.includes(apiKey)) return reply(401, { code: "UNAUTHORIZED", message: "Invalid API key" });
      } else {
        const token = bearer ? accessTokens.get(bearer) : undefined;
        if (!token) return reply(401, { code: "UNAUTHORIZED", message: "Missing or invalid token" });
        if (token.expiresAt < Date.now()) return reply(401, { code: "TOKEN_EXPIRED", message: "Token expired" });
      }
      const failure = options.failNext?.shift();
      if (failure) return reply(failure, { code: "ERROR", message: `fake failure ${failure}` });
      const page = Number(url.searchParams.get("page") ?? "1");
      const size = Number(url.searchParams.get("size") ?? "20");
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) {
        return reply(400, { code: "INVALID_PARAMETER", message: "page must be >= 1 and size 1..100" });
      }
      if (url.searchParams.get("sort") !== "UPDATED_DATE" || url.searchParams.get("order") !== "ASC") {
        return reply(400, { code: "INVALID_PARAMETER", message: "this fake serves sort=UPDATED_DATE&order=ASC only" });
      }
      await options.beforePage?.(page);
      const sorted = [...options.contacts].sort((a, b) => updatedAt(a) - updatedAt(b) || String(a.id).localeCompare(String(b.id)));
      const content = sorted.slice((page - 1) * size, page * size);
      return reply(200, { content, paging: { page, size, total: sorted.length, has_more: page * size < sorted.length } });
    }
    reply(404, { code: "NOT_FOUND", message: "no such endpoint" });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    options,
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
