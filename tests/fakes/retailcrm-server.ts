// A fake retailCRM account ("system") on 127.0.0.1: the peer of CRM Bridge's module and of its customers
// connector. What it does, and why — each point as seen in retailCRM's own clients and integrations
// (repository + path; the full notes are in /work/notes/retailcrm-api.md):
//
// Module registration (unchanged): POST /api/v5/integration-modules/{code}/edit checks X-API-KEY, validates
// the form field integrationModule and stores it (201 first time, then 200), or answers as a test sets with
// behave(); GET /marketplace/{code} is the page that posts the module's clientId to its accountUrl.
//
// Customers (GET /api/v5/customers → `customers`, /api/v5/customers-corporate → `customersCorporate`):
// - answers {success, pagination:{limit, totalCount, currentPage, totalPageCount}, <list>}
//   (retailcrm/api-client-php src/Model/Entity/Pagination.php, src/Model/Response/Customers/CustomersResponse.php,
//   .../CustomersCorporate/CustomersCorporateResponse.php; fixtures in tests/src/ResourceGroup/CustomersTest.php).
// - limit is 20, 50 or 100 (src/Enum/PaginationLimit.php also lists 250, which no example uses), 20 when absent
//   (retailcrm/api-client-python retailcrm/versions/v5.py defaults); limit=300 is refused
//   (api-client-php branch v5 tests/RetailCrm/Tests/Methods/Version5/ApiClientCustomersTest.php, run against a
//   real account: "Pagination error"). Refusals of bad parameters are 400 {success:false, errorMsg:"Errors in
//   the input parameters", errors:{…}} (retailcrm/api-client-go client_test.go, error.go). A page past the end
//   answers an empty list; totalPageCount is ceil(totalCount / limit), 0 when there is nothing.
// - filter[ids][] (and PHP's filter[ids][0]) selects by id (api-client-php src/Model/Filter/Customers/CustomerFilter.php;
//   api-client-go filters.go `url:"ids,omitempty,brackets"`). A deleted customer is no longer listed.
// - Order: not documented in any client; the fake lists newest first (`listOrder`), so a connector that
//   depends on the order of a changing list fails here rather than in production.
// - Individual and corporate customers share one id sequence (fixture: corporate 5041, its contact person
//   5042, the next corporate 5043). Customer fields: firstName, lastName, patronymic, email (may be ""),
//   phones[].number, externalId, site, isContact (true for a corporate customer's contact person, who is
//   also an individual customer); empty customFields come as [] (PHP's empty array), not {}. A corporate
//   customer in the list carries nickName, mainCompany {id, name} and mainCustomerContact {id, customer:{id}},
//   not its companies, phones or emails (fixture testList in tests/src/ResourceGroup/CustomersCorporateTest.php).
// - Dates are `Y-m-d H:i:s` in the account's time zone, no offset (JMS types in src/Model/Entity/**).
//
// Histories (GET /api/v5/customers/history, /api/v5/customers-corporate/history → `history`, plus generatedAt):
// - one record per changed field, ascending ids: {id, createdAt, created?, deleted?, source ("user" | "api" |
//   "code"), user:{id} (source user), apiKey:{current} (source api: was it this key), field (snake_case:
//   first_name, last_name, patronymic, email, phones, external_id — retailcrm/bitrix-module
//   intaro.retailcrm/classes/general/config/objects.xml), oldValue, newValue, customer}
//   (src/Model/Entity/Customers/CustomerHistory.php; .../CustomersCorporate/CustomerCorporateHistory.php).
//   The corporate history names its customer under `customer` too (the Go client's type says
//   `corporateCustomer`, but the PHP fixture, a captured answer, says `customer`).
// - created: field "id", oldValue null, newValue the id, `customer` the whole customer; deleted: field "id",
//   oldValue the id, newValue null, `customer` the whole customer as it was; other records carry
//   `customer:{id, externalId?, site}`. A phone added is {field:"phones", oldValue:null, newValue:"<number>"}
//   (fixture testCustomersHistory), a phone removed the reverse.
// - Corporate fields seen: id, company (+ `company` object), main_company, contact, main_contact, address,
//   contact.contact_company. Not seen, chosen by the same naming: nick_name, company.name.
// - filter[sinceId] is exclusive (fixture asks sinceId 2691, answer starts at 2692); filter[startDate] and
//   filter[endDate] are inclusive `Y-m-d H:i:s` (assumed; not shown by any client). pagination has totalCount.
//   Clients page by moving sinceId to the last id received and stop when currentPage == totalPageCount
//   (api-client-php doc/usage/examples/orders_history.md, complex_pagination/example_customers_history.php;
//   retailcrm/woocommerce-module src/include/class-wc-retailcrm-history.php); `page` works too.
// - Record ids come from one sequence for both histories, so neither history's ids are contiguous (the
//   corporate fixture skips 4245).
//
// Keys, scopes and limits:
// - The key comes in the X-API-KEY header (api-client-php src/Handler/Request/HeaderAuthenticatorHandler.php)
//   or the `apiKey` query parameter (GetParameterAuthenticatorHandler.php; the legacy client's only way).
//   Missing: 403 '"apiKey" is missing.'; unknown or revoked: 403 'Wrong "apiKey" value.' (api-client-go
//   client_test.go TestClient_ApiCredentialsCredentialsBadKey); a key without customer_read: 403 "Access
//   denied." (api-client-php tests/src/ResourceGroup/AbstractApiResourceGroupTest.php).
// - More than 10 requests in a second with one key: 503 (api-client-go rate.go RPS = 10; client.go retries 503
//   and 429; api-client-php branch v5 lib/RetailCrm/Http/Client.php throws LimitException on any 503 before
//   reading the body; doc PaginatedRequestIterator.php waits 1 s on 503). No client reads Retry-After; the fake
//   sends none and answers with an HTML body, as a proxy's limiter would — a client must not need JSON here.
// - GET /api/credentials (unversioned) tells a key its rights: {success, scopes, siteAccess, sitesAvailable}
//   (api-client-php tests/src/ResourceGroup/ApiTest.php testCredentials; api-client-go response.go).
// - Tests can inject faults (inject()): a status and body, a Retry-After, a delay, or no answer at all.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAccount, type FakeAccount } from "./retailcrm/account";
import { answerHistory, answerList, customerPaths, dateCodec, type Answer } from "./retailcrm/customers-api";
import { createRateLimiter } from "./retailcrm/rate-limit";

export { manualClock } from "./retailcrm/rate-limit";

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

/** A fault for the next `times` API requests whose path matches: an answer, a delay before the real one, or none. */
export type Fault = {
  times?: number;
  path?: RegExp;
  status?: number;
  body?: string;
  contentType?: string;
  retryAfter?: string;
  delayMs?: number;
  hang?: boolean;
};

export type ApiRequest = {
  method: string;
  path: string;
  query: string;
  apiKey: string | undefined;
  keyVia: "header" | "query" | "none";
  status: number;
  at: number;
};

export type FakeRetailCrmOptions = {
  apiKeys: string[];
  /** the clock of the rate limit and of dates in answers; a manualClock() makes tests independent of speed */
  now?: () => number;
  /** the account's time zone, minutes east of UTC (answers carry no offset) */
  utcOffsetMinutes?: number;
  listOrder?: "newest-first" | "oldest-first";
  rateLimit?: boolean;
};

export type FakeRetailCrm = {
  url: string;
  /** every edit request received, in order of arrival */
  calls: EditCall[];
  /** the module as the account stores it now, by code */
  modules: Map<string, StoredModule>;
  /** every other API request (customers, histories, unknown methods), with the status it got */
  requests: ApiRequest[];
  account: FakeAccount;
  behave(next: FakeBehaviour): void;
  inject(fault: Fault): void;
  clearFaults(): void;
  addApiKey(key: string, scopes?: string[]): void;
  revokeApiKey(key: string): void;
  close(): Promise<void>;
};

export const allScopes = ["integration_read", "integration_write", "customer_read", "customer_write"];

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

const rateLimitedPage =
  "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n";

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeRetailCrm(options: FakeRetailCrmOptions): Promise<FakeRetailCrm> {
  const now = options.now ?? Date.now;
  const keys = new Map<string, { scopes: Set<string>; revoked: boolean }>();
  const addApiKey = (key: string, scopes = allScopes) => keys.set(key, { scopes: new Set(scopes), revoked: false });
  for (const key of options.apiKeys) addApiKey(key);
  const calls: EditCall[] = [];
  const requests: ApiRequest[] = [];
  const modules = new Map<string, StoredModule>();
  const date = dateCodec(options.utcOffsetMinutes ?? 0);
  const account = createAccount({ now, formatDate: date.format });
  const limiter = createRateLimiter(now);
  let faults: (Fault & { left: number })[] = [];
  let behaviour: FakeBehaviour = { kind: "success" };

  /** The fault this request meets, if any (each fault serves `times` requests, in the order injected). */
  function takeFault(path: string) {
    const fault = faults.find((f) => f.left > 0 && (f.path ? f.path.test(path) : true));
    if (fault) fault.left -= 1;
    faults = faults.filter((f) => f.left > 0);
    return fault;
  }

  /** Checks in the platform's order: its front's limit first, then the key, then the key's rights. */
  function gate(key: string | undefined, scope: string | undefined): Answer | "limited" | undefined {
    if (options.rateLimit !== false && !limiter.take(key ?? "")) return "limited";
    if (key === undefined) return { status: 403, body: { success: false, errorMsg: '"apiKey" is missing.' } };
    const known = keys.get(key);
    if (!known || known.revoked) return { status: 403, body: { success: false, errorMsg: 'Wrong "apiKey" value.' } };
    if (scope && !known.scopes.has(scope)) return { status: 403, body: { success: false, errorMsg: "Access denied." } };
    return undefined;
  }

  async function handleEdit(req: IncomingMessage, res: ServerResponse, code: string, key: string | undefined) {
    const body = await readBody(req);
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
    const refused = gate(key, undefined);
    if (refused === "limited") {
      res.writeHead(503, { "content-type": "text/html" });
      return res.end(rateLimitedPage);
    }
    if (refused) return json(res, refused.status, refused.body);
    if (current.kind === "error") {
      return json(res, current.status ?? 400, {
        success: false,
        errorMsg: current.errorMsg,
        ...(current.errors ? { errors: current.errors } : {}),
      });
    }
    if (raw === null) return json(res, 400, { success: false, errorMsg: "Parameter 'integrationModule' is missing" });
    if (!checked?.module) {
      return json(res, 400, { success: false, errorMsg: "Errors in the entity format", errors: checked?.errors ?? {} });
    }
    const created = !modules.has(code);
    modules.set(code, checked.module);
    const delay = current.delaysMs?.[calls.length - 1];
    if (delay) await sleep(delay);
    return json(res, created ? 201 : 200, { success: true, info: {} });
  }

  /** The customers and history reads, and the platform's answer to any other API path. */
  async function handleRead(req: IncomingMessage, res: ServerResponse, url: URL, key: string | undefined) {
    const entry: ApiRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.search,
      apiKey: key,
      keyVia: typeof req.headers["x-api-key"] === "string" ? "header" : key === undefined ? "none" : "query",
      status: 0,
      at: now(),
    };
    requests.push(entry);
    const send = (status: number, body: string, headers: Record<string, string>) => {
      entry.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    const fault = takeFault(url.pathname);
    if (fault?.hang) return;
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = { "content-type": fault.contentType ?? "text/html" };
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      return send(fault.status, fault.body ?? `<html><body>HTTP ${fault.status}</body></html>`, headers);
    }
    const route = customerPaths[url.pathname];
    const answer = (a: Answer) => send(a.status, JSON.stringify(a.body), { "content-type": "application/json" });
    if (url.pathname === "/api/credentials" && req.method === "GET") {
      const refused = gate(key, undefined);
      if (refused === "limited") return send(503, rateLimitedPage, { "content-type": "text/html" });
      if (refused) return answer(refused);
      const scopes = [...(keys.get(key ?? "")?.scopes ?? [])];
      return answer({
        status: 200,
        body: { success: true, scopes, siteAccess: "access_full", sitesAvailable: [account.site] },
      });
    }
    if (!route) return answer({ status: 404, body: { success: false, errorMsg: "API method not found" } });
    if (req.method !== "GET") return answer({ status: 405, body: { success: false, errorMsg: "Method not allowed" } });
    const refused = gate(key, "customer_read");
    if (refused === "limited") return send(503, rateLimitedPage, { "content-type": "text/html" });
    if (refused) return answer(refused);
    const query = url.searchParams;
    if (!route.history) return answer(answerList(account, route.kind, query, options.listOrder !== "oldest-first"));
    return answer(answerHistory(account, route.kind, query, key ?? "", date, now()));
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const header = req.headers["x-api-key"];
      const key = typeof header === "string" ? header : (url.searchParams.get("apiKey") ?? undefined);
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
      if (edit) {
        if (req.method !== "POST") return json(res, 405, { success: false, errorMsg: "Method not allowed" });
        return handleEdit(req, res, decodeURIComponent(edit[1]!), typeof header === "string" ? header : undefined);
      }
      return handleRead(req, res, url, key);
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
    requests,
    account,
    behave(next) {
      behaviour = next;
    },
    inject(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    addApiKey(key, scopes) {
      addApiKey(key, scopes);
    },
    revokeApiKey(key) {
      const known = keys.get(key);
      if (known) known.revoked = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
