// Retries with exponential backoff and jitter, for RetryableError only: a peer's
// 429 / 5xx / timeout / connection error, or (withDatabaseRetry) the database restarting,
// out of reach for a moment or locked. Every other error is final at once.
import "server-only";
import { RetryableError } from "@/lib/connectors/errors";
import { transientDbReason } from "@/lib/db/transient-errors";
import { doublingPause, sleep } from "@/lib/retry/backoff";

// Callers that pause between their own steps (the lease) take the same sleep from here.
export { sleep };

export type RetryPolicy = {
  /** attempts in all, the first included */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * The wait before attempt `attempt + 1`, after `attempt` failures (1-based): "equal jitter",
 * half of the exponential step fixed and half random, so waits grow and runs spread apart.
 * A peer's Retry-After is honoured up to maxDelayMs.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number, retryAfterMs?: number): number {
  const step = doublingPause(attempt, { firstMs: policy.baseDelayMs, maxMs: policy.maxDelayMs });
  const jittered = step / 2 + (random * step) / 2;
  return Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0)));
}

export type RetryInfo = { attempt: number; delayMs: number; reason: string };

export async function withRetry<T>(
  action: () => Promise<T>,
  options: { policy?: RetryPolicy; signal?: AbortSignal; onRetry?: (info: RetryInfo) => void; random?: () => number },
): Promise<T> {
  const policy = options.policy ?? defaultRetryPolicy;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof RetryableError)) throw error;
      if (attempt >= policy.attempts) {
        throw new RetryableError(`${error.message} (gave up after ${attempt} attempts)`);
      }
      const delayMs = backoffDelay(attempt, policy, random(), error.retryAfterMs);
      options.onRetry?.({ attempt, delayMs, reason: error.message });
      await sleep(delayMs, options.signal);
    }
  }
}

export type RetryOptions = Parameters<typeof withRetry>[1];

/**
 * A database step, retried like a peer's request while the database is briefly out of
 * reach or locked. The step must be safe to repeat: a transaction that failed was rolled
 * back whole (a step that holds a connection of its own reopens it, see run.ts).
 */
export function withDatabaseRetry<T>(action: () => Promise<T>, options: RetryOptions): Promise<T> {
  return withRetry(async () => {
    try {
      return await action();
    } catch (error) {
      const reason = transientDbReason(error);
      if (reason === null) throw error;
      throw new RetryableError(`database: ${reason}`);
    }
  }, options);
}

/** A peer's Retry-After, in seconds or as an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Why fetch() could not reach a peer, shortly: the system error code (ECONNREFUSED…) when there is one. */
export function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string") return cause.code;
  return cause instanceof Error ? cause.message : "network error";
}
