// One HTTP exchange with CRM.COM, classified for the connector framework: a reply with
// its status and body, or a RetryableError for a timeout or a connection error. Also
// reads CRM.COM's error bodies for messages, with every secret scrubbed out of them.
import "server-only";
import { RetryableError } from "@/lib/connectors/errors";
import { networkReason } from "@/lib/connectors/retry";

export type Reply = { status: number; body: string; retryAfter: string | null };

export const defaultTimeoutMs = 30_000;

export async function exchange(
  url: URL,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
  options: { signal: AbortSignal; timeoutMs?: number },
): Promise<Reply> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.any([options.signal, timeout]) });
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.text() };
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    if (timeout.aborted) throw new RetryableError(`CRM.COM did not answer within ${timeoutMs / 1000} s`);
    throw new RetryableError(`cannot reach CRM.COM at ${url.origin}: ${networkReason(error)}`);
  }
}

/** Replaces every occurrence of each secret (key, password, tokens) with [redacted]. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  return out;
}

/**
 * What CRM.COM said in an error body, as " (CRM.COM says: CODE: message)", or "".
 * Its error bodies carry `error`/`code` and `message`; anything else is not shown.
 */
export function peerMessage(body: string, secrets: readonly (string | undefined)[]): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return "";
  }
  if (!json || typeof json !== "object") return "";
  const fields = json as Record<string, unknown>;
  const code = [fields.error, fields.code].find((v) => typeof v === "string" || typeof v === "number");
  const message = typeof fields.message === "string" ? fields.message : undefined;
  const text = [code, message].filter((v) => v !== undefined).join(": ");
  return text ? ` (CRM.COM says: ${scrub(text, secrets).slice(0, 300)})` : "";
}
