// retailCRM allows 10 API requests per second per key and answers the others 503. Requests it refuses do
// not use up the allowance (a client that waits and retries gets through).
export const requestsPerSecond = 10;

export function createRateLimiter(now: () => number, perSecond = requestsPerSecond) {
  const accepted = new Map<string, number[]>();
  return {
    /** true when the request may go on (and is counted), false when the platform would refuse it */
    take(key: string): boolean {
      const at = now();
      const recent = (accepted.get(key) ?? []).filter((t) => at - t < 1000);
      if (recent.length >= perSecond) {
        accepted.set(key, recent);
        return false;
      }
      recent.push(at);
      accepted.set(key, recent);
      return true;
    },
  };
}

/** A clock a test moves by hand, so that rate-limit tests never depend on how fast the machine is. */
export function manualClock(startMs = Date.UTC(2026, 0, 15, 9, 0, 0)) {
  let current = startMs;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}
