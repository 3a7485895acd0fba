// Staff session tokens: 32 random bytes in the cookie, only their SHA-256 in the
// database, so a leaked database row cannot be replayed as a cookie.
import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** base64url of 32 bytes, without padding. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a cookie value could be one of our tokens; anything else is refused without a database read. */
export function isWellFormedToken(value: string | undefined): value is string {
  return value !== undefined && tokenPattern.test(value);
}
