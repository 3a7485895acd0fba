// register[token] proves a register request came from retailCRM: it is PHP's
// hash_hmac('sha256', apiKey, secret), the module's "Secret" from the partner account.
import "server-only";
import { hexDigestEquals, hmacSha256Hex } from "@/lib/signing/hmac";
import { type Verdict, refusal } from "@/lib/signing/verdict";

export const badTokenMessage =
  "CRM Bridge could not verify this connection request: register[token] does not match the API key. " +
  "Please try again from the retailCRM Marketplace; if it keeps failing, contact CRM Bridge support.";

/** The token retailCRM computes for an API key. */
export function registerTokenFor(apiKey: string, secret: string): string {
  return hmacSha256Hex(secret, apiKey);
}

/** True when `token` is the HMAC of `apiKey` under `secret` (hex, any case, constant-time). */
export function isValidRegisterToken(apiKey: string, token: string, secret: string): boolean {
  return hexDigestEquals(token, registerTokenFor(apiKey, secret));
}

/**
 * The register request's verdict, in the shape of every host's (lib/signing/verdict.ts). What
 * was signed is the API key itself, a secret: the verification log gets only where the request
 * claimed to come from. retailCRM has one secret, so a good token is always the current key's.
 */
export function verifyRegisterToken(
  request: { apiKey: string; token: string; systemUrl: string },
  secret: string,
): Verdict<Record<never, never>> {
  const canonical = `register[systemUrl]=${request.systemUrl}`;
  return isValidRegisterToken(request.apiKey, request.token, secret)
    ? { ok: true, keySlot: "current", canonical }
    : refusal("bad_token", 403, badTokenMessage, canonical);
}
