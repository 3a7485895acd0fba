// The reads of retailCRM's API v5 the customers connector makes, for one account:
//   GET {systemUrl}/api/v5/customers[-corporate]?limit=100&page=n         (the lists)
//   GET {systemUrl}/api/v5/customers[-corporate]?filter[ids][]=…&limit=100 (current state by id)
//   GET {systemUrl}/api/v5/customers[-corporate]/history?filter[sinceId]=n&limit=100
// with the key in the X-API-KEY header (never in the URL, which proxies log). Each answer is
// classified for the connector framework: 429, 503 (the platform's rate limit, sent without a
// Retry-After), other 5xx, timeouts and connection errors are RetryableError; a refused key
// (401/403, or success:false naming the key) is ConnectorError "unauthorized"; anything else
// unexpected is "bad_response". Messages quote the platform's errorMsg, never the key.
import "server-only";
import { ConnectorError, RetryableError } from "@/lib/connectors/errors";
import { networkReason, parseRetryAfter } from "@/lib/connectors/retry";
import { systemText } from "@/lib/integrations/retailcrm/system-text";
import { type Pacer, accountPacer } from "./pacer";
import { type HistoryPage, type ListPage, readHistoryPage, readListPage } from "./schema";

export type CustomerKind = "customers" | "corporate";

/** The largest page the platform is known to accept (20, 50 or 100). */
export const pageLimit = 100;
/** An account that does not answer is given up within a minute: 5 attempts of at most 8 s, plus the waits. */
export const defaultTimeoutMs = 8_000;

const paths: Record<CustomerKind, { list: string; history: string }> = {
  customers: { list: "/api/v5/customers", history: "/api/v5/customers/history" },
  corporate: { list: "/api/v5/customers-corporate", history: "/api/v5/customers-corporate/history" },
};

export type CustomersApi = {
  listPage(kind: CustomerKind, page: number, signal: AbortSignal): Promise<ListPage>;
  byIds(kind: CustomerKind, ids: readonly number[], signal: AbortSignal): Promise<ListPage>;
  history(kind: CustomerKind, query: { sinceId: number; page?: number }, signal: AbortSignal): Promise<HistoryPage>;
};

export type CustomersApiOptions = { timeoutMs?: number; pacer?: Pacer };

export function createCustomersApi(
  account: { systemUrl: string; apiKey: string },
  options: CustomersApiOptions = {},
): CustomersApi {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const origin = account.systemUrl.replace(/\/+$/, "");
  const pacer = options.pacer ?? accountPacer(origin);

  async function get(path: string, params: [string, string][], signal: AbortSignal): Promise<unknown> {
    const url = new URL(origin + path);
    for (const [name, value] of params) url.searchParams.append(name, value);
    await pacer.wait(signal);
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        headers: { "X-API-KEY": account.apiKey, accept: "application/json" },
        signal: AbortSignal.any([signal, timeout]),
        redirect: "manual",
      });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (timeout.aborted) throw new RetryableError(`retailCRM did not answer within ${timeoutMs / 1000} s`);
      throw new RetryableError(`cannot reach retailCRM at ${origin}: ${networkReason(error)}`);
    }
    return classify(response.status, response.headers.get("retry-after"), text, account.apiKey);
  }

  return {
    async listPage(kind, page, signal) {
      const body = await get(
        paths[kind].list,
        [
          ["limit", String(pageLimit)],
          ["page", String(page)],
        ],
        signal,
      );
      return readListPage(kind, body);
    },
    async byIds(kind, ids, signal) {
      if (ids.length > pageLimit) throw new Error(`at most ${pageLimit} ids per request`);
      const params: [string, string][] = ids.map((id) => ["filter[ids][]", String(id)]);
      params.push(["limit", String(pageLimit)]);
      return readListPage(kind, await get(paths[kind].list, params, signal));
    },
    async history(kind, query, signal) {
      const params: [string, string][] = [
        ["filter[sinceId]", String(query.sinceId)],
        ["limit", String(pageLimit)],
      ];
      if (query.page !== undefined) params.push(["page", String(query.page)]);
      return readHistoryPage(kind, await get(paths[kind].history, params, signal));
    },
  };
}

const keyMessages = [/apiKey/i, /access denied/i];

/** The answer's body when it is a success; else the error the framework acts on. */
export function classify(status: number, retryAfter: string | null, text: string, apiKey: string): unknown {
  const body = parseJson(text);
  const said = platformMessage(body, apiKey);
  const says = said ? ` (retailCRM says: ${said})` : "";
  if (status === 429 || status >= 500) {
    const why = status === 503 ? "503: busy or over its limit of 10 requests a second" : `${status}`;
    throw new RetryableError(`retailCRM answered ${why}${says}`, parseRetryAfter(retryAfter));
  }
  const refusedKey =
    status === 401 || status === 403 || (isFailure(body) && keyMessages.some((m) => m.test(said ?? "")));
  if (refusedKey) {
    throw new ConnectorError(
      "unauthorized",
      `retailCRM refused the API key: it was revoked, or it lacks the customer_read right${says}`,
    );
  }
  if (status !== 200 || body === undefined || isFailure(body)) {
    throw new ConnectorError("bad_response", `retailCRM answered ${status} without the expected JSON${says}`);
  }
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isFailure(body: unknown): boolean {
  return typeof body === "object" && body !== null && "success" in body && body.success !== true;
}

/** errorMsg, and the errors it lists, made safe to show: one line each, bounded, never the key. */
function platformMessage(body: unknown, apiKey: string): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { errorMsg, errors } = body as { errorMsg?: unknown; errors?: unknown };
  const text = [systemText(errorMsg, apiKey), systemText(errors, apiKey)].filter(Boolean).join("; ");
  return text === "" ? undefined : text;
}
