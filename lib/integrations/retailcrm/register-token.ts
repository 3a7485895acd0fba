// register[token] proves a register request came from retailCRM: it is PHP's
// hash_hmac('sha256', apiKey, secret), the module's "Secret" from the partner account.
import "server-only";
import { hexDigestEquals, hmacSha256Hex } from "@/lib/signing/hmac";

/** The token retailCRM computes for an API key. */
export function registerTokenFor(apiKey: string, secret: string): string {
  return hmacSha256Hex(secret, apiKey);
}

/** True when `token` is the HMAC of `apiKey` under `secret` (hex, any case, constant-time). */
export function isValidRegisterToken(apiKey: string, token: string, secret: string): boolean {
  return hexDigestEquals(token, registerTokenFor(apiKey, secret));
}
