// The account page's session: a random token in its own cookie, scoped to one retailCRM
// connection, stored as its SHA-256. The page opens inside retailCRM (an iframe of
// another site) or in a new tab, so on https the cookie is SameSite=None; Secure;
// Partitioned (CHIPS: kept per top-level site); on plain http (development, tests) it
// is SameSite=Lax. Path=/retailcrm keeps it away from every other part of the app.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createRetailCrmSession, findRetailCrmSessionConnection } from "@/lib/db/retailcrm-sessions";
import { hexDigestEquals, hmacSha256Hex } from "@/lib/signing/hmac";

export const sessionSeconds = 8 * 60 * 60;
const cookiePath = "/retailcrm";

const isHttps = (appBaseUrl: string) => appBaseUrl.startsWith("https:");

export function accountCookieName(appBaseUrl: string): string {
  return isHttps(appBaseUrl) ? "__Secure-retailcrm_session" : "retailcrm_session";
}

export function accountSessionCookie(token: string, appBaseUrl: string): string {
  const attributes = [
    `${accountCookieName(appBaseUrl)}=${token}`,
    `Path=${cookiePath}`,
    `Max-Age=${sessionSeconds}`,
    "HttpOnly",
  ];
  attributes.push(...(isHttps(appBaseUrl) ? ["Secure", "SameSite=None", "Partitioned"] : ["SameSite=Lax"]));
  return attributes.join("; ");
}

/** A cookie's value from a Cookie request header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Starts a session for a connection; returns the cookie's token. */
export async function startAccountSession(connectionId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + sessionSeconds * 1000);
  await createRetailCrmSession({ tokenHash: hashToken(token), connectionId, expiresAt }, now);
  return token;
}

/** The connection of a live session token, or null. */
export async function findAccountSession(token: string | undefined, now = new Date()) {
  if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return findRetailCrmSessionConnection(hashToken(token), now);
}

/**
 * The page's form token. The session cookie is sent on cross-site requests (SameSite=None),
 * so a form that changes something carries this value, which only a page rendered for the
 * session knows: an HMAC keyed by the session's own token.
 */
export function formTokenFor(sessionToken: string): string {
  return hmacSha256Hex(sessionToken, "retailcrm-account-form");
}

export function isValidFormToken(sessionToken: string, provided: string): boolean {
  return hexDigestEquals(provided, formTokenFor(sessionToken));
}
