// Staff sessions, independent of Next.js (tested against the real database): a session
// expires after 12 idle hours, and after 7 days whatever happens.
import "server-only";
import { createStaffSession, deleteStaffSession, extendStaffSession, findStaffSession } from "@/lib/db/staff-sessions";
import { hashSessionToken, isWellFormedToken, newSessionToken } from "./session-token";
import { sessionMaxAgeSeconds } from "./session-cookie";

export const sessionIdleMs = 12 * 60 * 60 * 1000;
const sessionMaxAgeMs = sessionMaxAgeSeconds * 1000;
/** A session's expiry is pushed forward at most this often, so each page view does not write. */
const touchIntervalMs = 15 * 60 * 1000;

export type Staff = { id: string; email: string; name: string | null };

export async function startStaffSession(
  userId: string,
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + sessionIdleMs);
  await createStaffSession({ userId, tokenHash, expiresAt, now });
  return { token, expiresAt };
}

/** The staff member a cookie value signs in, or null (missing, malformed, unknown, expired). */
export async function resolveStaffSession(token: string | undefined, now: Date = new Date()): Promise<Staff | null> {
  if (!isWellFormedToken(token)) return null;
  const session = await findStaffSession(hashSessionToken(token));
  if (!session) return null;
  const hardEnd = session.createdAt.getTime() + sessionMaxAgeMs;
  if (session.expiresAt.getTime() <= now.getTime() || hardEnd <= now.getTime()) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= touchIntervalMs) {
    const expiresAt = new Date(Math.min(now.getTime() + sessionIdleMs, hardEnd));
    await extendStaffSession(session.id, expiresAt, now);
  }
  return session.user;
}

/** Ends the session of this cookie value; returns its staff member's id when there was one. */
export async function endStaffSession(token: string | undefined): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  return deleteStaffSession(hashSessionToken(token));
}
