// Sign-in rate limit (contract section 7): after 10 failures for one email or from one
// client address within 15 minutes, further attempts are refused with 429 until the
// window passes, whether or not the password is right. Refused attempts are not
// counted, so the lock ends 15 minutes after the failures that caused it.
import "server-only";
import {
  clearLoginFailuresForEmail,
  listRecentLoginFailures,
  pruneLoginFailures,
  recordLoginFailure,
} from "@/lib/db/login-failures";

export const loginWindowMs = 15 * 60 * 1000;
export const maxLoginFailures = 10;

export type LimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

/**
 * The verdict from the newest failures (newest first, at most `maxLoginFailures` of
 * them): limited while `maxLoginFailures` of them fall inside the window; free again
 * when the oldest of those leaves it.
 */
export function limitVerdict(newestFirst: readonly Date[], now: Date): LimitVerdict {
  const inWindow = newestFirst.filter((t) => now.getTime() - t.getTime() < loginWindowMs);
  if (inWindow.length < maxLoginFailures) return { limited: false };
  const oldest = inWindow[maxLoginFailures - 1]!;
  const retryAfterMs = oldest.getTime() + loginWindowMs - now.getTime();
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Whether this email (when known) or this address may try to sign in now. */
export async function checkSignInLimit(
  key: { email?: string; clientAddress: string },
  now: Date,
): Promise<LimitVerdict> {
  const since = new Date(now.getTime() - loginWindowMs);
  const [byAddress, byEmail] = await Promise.all([
    listRecentLoginFailures({ clientAddress: key.clientAddress }, since, maxLoginFailures),
    key.email === undefined
      ? Promise.resolve([])
      : listRecentLoginFailures({ email: key.email }, since, maxLoginFailures),
  ]);
  const verdicts = [limitVerdict(byAddress, now), limitVerdict(byEmail, now)];
  const waits = verdicts.flatMap((v) => (v.limited ? [v.retryAfterSeconds] : []));
  return waits.length === 0 ? { limited: false } : { limited: true, retryAfterSeconds: Math.max(...waits) };
}

let failuresSincePrune = 0;

export async function noteSignInFailure(key: { email: string; clientAddress: string }, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - loginWindowMs);
  await recordLoginFailure({ ...key, at: now }, windowStart);
  // Now and then, drop the rows of emails and addresses that never came back.
  if (++failuresSincePrune >= 100) {
    failuresSincePrune = 0;
    await pruneLoginFailures(windowStart);
  }
}

export async function noteSignInSuccess(email: string): Promise<void> {
  await clearLoginFailuresForEmail(email);
}
