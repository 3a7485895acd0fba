// A fake retailCRM account ("system") on 127.0.0.1: the peer of CRM Bridge's module.
// It implements what the module calls and what the account does for its user:
//   POST /api/v5/integration-modules/{code}/edit — checks X-API-KEY, parses the form
//     field integrationModule, validates it as retailCRM does, stores it, and answers
//     200/201 {"success":true} — or, as set by the test, {"success":false,"errorMsg"},
//     a bare HTTP status (401, 500…), or no answer at all (hang);
//   GET /marketplace/{code} — the page a user sees after connecting: a form that POSTs
//     the module's clientId to its accountUrl, opening it in a new tab or in an iframe.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type StoredModule = {
  code: string;
  integrationCode?: string;
  active: boolean;
  name: string;
  logo?: string;
  clientId: string;
  baseUrl: string;
  accountUrl: string;
  actions?: Record<string, string>;
};

export type FakeBehaviour =
  /** success; `delaysMs[i]` holds back the answer to the i-th edit call after storing its module */
  | { kind: "success"; delaysMs?: number[] }
  | { kind: "error"; status?: number; errorMsg: string; errors?: Record<string, string> }
  | { kind: "status"; status: number; body?: string; contentType?: string }
  | { kind: "hang" };

export type EditCall = { code: string; apiKey: string | undefined; module: StoredModule | undefined; at: number };

export type FakeRetailCrm = {
  url: string;
  /** every edit request received, in order of arrival */
  calls: EditCall[];
  /** the module as the account stores it now, by code */
  modules: Map<string, StoredModule>;
  behave(next: FakeBehaviour): void;
  close(): Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** retailCRM's own checks of an integrationModule: the fields it requires, and their types. */
function validateModule(code: string, value: unknown): { module?: StoredModule; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (typeof value !== "object" || value === null)
    return { errors: { integrationModule: "This value should be of type object." } };
  const m = value as Record<string, unknown>;
  for (const field of ["code", "name", "clientId", "baseUrl", "accountUrl"]) {
    if (typeof m[field] !== "string" || m[field] === "") errors[field] = "This value should not be blank.";
  }
  if (typeof m.active !== "boolean") errors.active = "This value should be of type bool.";
  if (typeof m.code === "string" && m.code !== code) errors.code = "The code must match the code in the URL.";
  if (typeof m.baseUrl === "string" && !/^https?:\/\//.test(m.baseUrl))
    errors.baseUrl = "This value is not a valid URL.";
  return Object.keys(errors).length > 0 ? { errors } : { module: m as unknown as StoredModule, errors };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function marketplacePage(module: StoredModule): string {
  const form = (target: string, label: string) =>
    `<form method="post" action="${escape(module.accountUrl)}" target="${target}"><input type="hidden" name="clientId" value="${escape(module.clientId)}"><button type="submit">${label}</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake retailCRM: ${escape(module.name)}</title></head><body><h1>${escape(module.name)}</h1>${form("_blank", "Open in a new tab")}${form("module-frame", "Open here")}<iframe name="module-frame" title="module" style="width:100%;height:600px;border:1px solid #999"></iframe></body></html>`;
}

export async function startFakeRetailCrm(options: { apiKeys: string[] }): Promise<FakeRetailCrm> {
  const apiKeys = new Set(options.apiKeys);
  const calls: EditCall[] = [];
  const modules = new Map<string, StoredModule>();
  let behaviour: FakeBehaviour = { kind: "success" };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const edit = /^\/api\/v5\/integration-modules\/([^/]+)\/edit$/.exec(url.pathname);
      const page = /^\/marketplace\/([^/]+)$/.exec(url.pathname);
      if (url.pathname === "/favicon.ico") {
        res.writeHead(204);
        return res.end();
      }
      if (page && req.method === "GET") {
        const module = modules.get(decodeURIComponent(page[1]!));
        if (!module) return json(res, 404, { success: false, errorMsg: "Module not found" });
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(marketplacePage(module));
      }
      if (!edit) return json(res, 404, { success: false, errorMsg: "API method not found" });
      if (req.method !== "POST") return json(res, 405, { success: false, errorMsg: "Method not allowed" });

      const code = decodeURIComponent(edit[1]!);
      const body = await readBody(req);
      const apiKey = req.headers["x-api-key"];
      const key = typeof apiKey === "string" ? apiKey : undefined;
      const isForm = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
      const raw = isForm ? new URLSearchParams(body).get("integrationModule") : null;
      let parsed: unknown;
      try {
        parsed = raw === null ? undefined : JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      const checked = parsed === undefined ? undefined : validateModule(code, parsed);
      calls.push({ code, apiKey: key, module: checked?.module, at: Date.now() });

      const current = behaviour;
      if (current.kind === "hang") return; // never answers; close() ends the socket
      if (current.kind === "status") {
        res.writeHead(current.status, { "content-type": current.contentType ?? "text/html" });
        return res.end(current.body ?? `<html><body>HTTP ${current.status}</body></html>`);
      }
      if (key === undefined) return json(res, 403, { success: false, errorMsg: '"apiKey" is missing.' });
      if (!apiKeys.has(key)) return json(res, 403, { success: false, errorMsg: 'Wrong "apiKey" value.' });
      if (current.kind === "error") {
        return json(res, current.status ?? 400, {
          success: false,
          errorMsg: current.errorMsg,
          ...(current.errors ? { errors: current.errors } : {}),
        });
      }
      if (raw === null) return json(res, 400, { success: false, errorMsg: "Parameter 'integrationModule' is missing" });
      if (!checked?.module) {
        return json(res, 400, {
          success: false,
          errorMsg: "Errors in the entity format",
          errors: checked?.errors ?? {},
        });
      }
      const created = !modules.has(code);
      modules.set(code, checked.module);
      const delay = current.delaysMs?.[calls.length - 1];
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return json(res, created ? 201 : 200, { success: true, info: {} });
    })().catch(() => {
      if (!res.headersSent) json(res, 500, { success: false, errorMsg: "Internal error" });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    modules,
    behave(next) {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
