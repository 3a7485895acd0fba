// retailCRM answers 503 past 10 requests a second per API key. A pacer spaces one
// account's requests so that no second ever holds more than 10 of them: each request
// starts at least `intervalMs` after the one before. The margin over 100 ms absorbs the
// network's jitter, which can bring two requests closer at the platform than they left here.
import { sleep } from "@/lib/retry/backoff";

export const requestsPerSecond = 10;
export const defaultIntervalMs = 105;

export type Pacer = { wait(signal: AbortSignal): Promise<void> };

export function createPacer(intervalMs = defaultIntervalMs, now: () => number = Date.now): Pacer {
  let next = 0;
  return {
    async wait(signal) {
      const at = Math.max(now(), next);
      next = at + intervalMs;
      const ms = at - now();
      if (ms > 0) await sleep(ms, signal);
    },
  };
}

const pacers = new Map<string, Pacer>();

/**
 * The pacer of an account (by its system URL) in this process: shared by every run, so a
 * sync that starts as another ends does not add its first requests to the same second.
 */
export function accountPacer(systemUrl: string): Pacer {
  let pacer = pacers.get(systemUrl);
  if (!pacer) pacers.set(systemUrl, (pacer = createPacer()));
  return pacer;
}
