// Housing.com request signing (seed 002): hash = lowercase hex HMAC-SHA256 keyed by the
// API key over current_time, the epoch seconds at which the request is sent. Housing.com
// refuses a request whose current_time is more than 15 minutes from its own clock, so
// every request (every retry too) is signed afresh.
import "server-only";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import type { TimeWindow } from "@/lib/connectors/windows";

export function housingHash(apiKey: string, currentTime: string): string {
  return hmacSha256Hex(apiKey, currentTime);
}

/**
 * The query of one leads request, in the seed's order, then `per_page`: without it
 * Housing.com answers at most 100 leads, and says nothing when it cut the list.
 */
export function leadsQuery(input: {
  window: TimeWindow;
  currentTime: number;
  clientId: string;
  apiKey: string;
  pageSize: number;
}): URLSearchParams {
  const currentTime = String(input.currentTime);
  return new URLSearchParams([
    ["start_date", String(input.window.start)],
    ["end_date", String(input.window.end)],
    ["current_time", currentTime],
    ["hash", housingHash(input.apiKey, currentTime)],
    ["id", input.clientId],
    ["per_page", String(input.pageSize)],
  ]);
}

/** The query as it may be shown in an error message or a log: the hash redacted. */
export function redactedQuery(query: URLSearchParams): string {
  const shown = new URLSearchParams(query);
  if (shown.has("hash")) shown.set("hash", "[redacted]");
  return shown.toString().replace("%5Bredacted%5D", "[redacted]");
}
