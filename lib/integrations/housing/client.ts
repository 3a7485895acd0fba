// The Housing.com leads API client: one signed GET per window. It classifies every
// outcome for the connector framework: leads, a final ConnectorError (401, 422, a body
// that is not a list of leads) or a RetryableError (429, 5xx, timeout, connection error).
// The API key and the hash never appear in a message.
import "server-only";
import type { TimeWindow } from "@/lib/connectors/windows";
import { ConnectorError, RetryableError } from "@/lib/connectors/errors";
import { networkReason, parseRetryAfter } from "@/lib/connectors/retry";
import { leadsQuery, redactedQuery } from "@/lib/integrations/housing/signing";
import { type HousingLead, parseLeadsResponse } from "@/lib/integrations/housing/schemas";

export type HousingClientConfig = {
  apiUrl: string;
  clientId: string;
  apiKey: string;
  /** per_page: the most leads Housing.com answers for one request (1000 at most) */
  pageSize: number;
};

export type FetchOptions = {
  signal: AbortSignal;
  timeoutMs?: number;
  /** epoch seconds now; current_time is taken when each request is sent */
  clock?: () => number;
};

export const defaultTimeoutMs = 30_000;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

export function describeWindow(window: TimeWindow): string {
  return `${iso(window.start)} … ${iso(window.end)}`;
}

/**
 * The leads Housing.com answers for one window (start and end inclusive): at most
 * `pageSize` of them, cut without a word when the window holds more.
 */
export async function fetchLeadsWindow(
  config: HousingClientConfig,
  window: TimeWindow,
  options: FetchOptions,
): Promise<HousingLead[]> {
  const currentTime = (options.clock ?? (() => Math.floor(Date.now() / 1000)))();
  const query = leadsQuery({
    window,
    currentTime,
    clientId: config.clientId,
    apiKey: config.apiKey,
    pageSize: config.pageSize,
  });
  const url = new URL(config.apiUrl);
  for (const [name, value] of query) url.searchParams.set(name, value);
  const scrub = (text: string) =>
    text.split(config.apiKey).join("[redacted]").split(query.get("hash")!).join("[redacted]");
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);

  let status: number;
  let body: string;
  let retryAfter: string | null;
  try {
    const response = await fetch(url, { signal, headers: { accept: "application/json" } });
    status = response.status;
    retryAfter = response.headers.get("retry-after");
    body = await response.text();
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    if (timeout.aborted) throw new RetryableError(`Housing.com did not answer within ${timeoutMs / 1000} s`);
    throw new RetryableError(`cannot reach Housing.com at ${url.origin}: ${networkReason(error)}`);
  }

  if (status === 200) return readLeads(body, window, () => scrub(readApiErrors(body)));
  const apiErrors = scrub(readApiErrors(body));
  if (status === 401) {
    throw new ConnectorError(
      "unauthorized",
      `Housing.com refused the request (401): the API key (HOUSING_API_KEY) was rejected for id ` +
        `${config.clientId}, or this server's clock is more than 15 minutes off ` +
        `(current_time sent: ${currentTime} = ${iso(currentTime)})${apiErrors}`,
    );
  }
  if (status === 422) {
    throw new ConnectorError(
      "bad_request",
      `Housing.com refused the request as malformed (422); parameters sent: ${redactedQuery(query)}${apiErrors}`,
    );
  }
  if (status === 429 || status >= 500) {
    throw new RetryableError(`Housing.com answered HTTP ${status}${apiErrors}`, parseRetryAfter(retryAfter));
  }
  throw new ConnectorError(
    "bad_response",
    `Housing.com answered HTTP ${status}, which its API does not document${apiErrors}`,
  );
}

/** A 200 body's leads; `apiErrors` is read only when the body is not a list of leads. */
function readLeads(body: string, window: TimeWindow, apiErrors: () => string): HousingLead[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ConnectorError("bad_response", `Housing.com's answer for ${describeWindow(window)} is not JSON`);
  }
  const parsed = parseLeadsResponse(json);
  if (!parsed.ok) {
    throw new ConnectorError(
      "bad_response",
      `Housing.com's answer for ${describeWindow(window)} is not a list of leads: ${parsed.problem}${apiErrors()}`,
    );
  }
  return parsed.leads;
}

/** `apiErrors` of an error body, as " (apiErrors: …)", or "". */
function readApiErrors(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === "object" && "apiErrors" in json) {
      return ` (apiErrors: ${JSON.stringify(json.apiErrors).slice(0, 500)})`;
    }
  } catch {
    // not JSON: nothing to show
  }
  return "";
}
