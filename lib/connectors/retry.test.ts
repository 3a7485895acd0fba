import { describe, expect, it } from "vitest";
import { ConnectorError, RetryableError } from "./errors";
import { backoffDelay, networkReason, parseRetryAfter, sleep, withRetry, type RetryPolicy } from "./retry";

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe("backoffDelay", () => {
  it("doubles each attempt, with jitter between half and all of the step", () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, policy, 1))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(2, policy, 0.5)).toBe(150);
  });

  it("never waits longer than maxDelayMs", () => {
    expect(backoffDelay(10, policy, 1)).toBe(1000);
    expect(backoffDelay(40, policy, 1)).toBe(1000);
  });

  it("honours the peer's Retry-After, still within maxDelayMs", () => {
    expect(backoffDelay(1, policy, 0, 700)).toBe(700);
    expect(backoffDelay(1, policy, 0, 60_000)).toBe(1000);
  });
});

describe("withRetry", () => {
  const fast: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

  it("retries retryable failures and returns the first success", async () => {
    const outcomes = [new RetryableError("HTTP 500"), new RetryableError("HTTP 503"), "ok"];
    const retries: string[] = [];
    const result = await withRetry(
      async () => {
        const next = outcomes.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      { policy: fast, onRetry: (info) => retries.push(`${info.attempt}: ${info.reason}`) },
    );
    expect(result).toBe("ok");
    expect(retries).toEqual(["1: HTTP 500", "2: HTTP 503"]);
  });

  it("gives up after the last attempt and says so", async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new RetryableError("HTTP 502");
      },
      { policy: fast },
    );
    await expect(failing).rejects.toThrow("HTTP 502 (gave up after 3 attempts)");
    expect(calls).toBe(3);
  });

  it("does not retry other errors", async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new ConnectorError("unauthorized", "key rejected");
      },
      { policy: fast },
    );
    await expect(failing).rejects.toThrow("key rejected");
    expect(calls).toBe(1);
  });

  it("stops waiting when aborted", async () => {
    const controller = new AbortController();
    const waiting = withRetry(
      async () => {
        throw new RetryableError("HTTP 500");
      },
      { policy: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 }, signal: controller.signal },
    );
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
    await expect(sleep(10, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });
});

describe("reading a peer's failure", () => {
  it("reads Retry-After in seconds or as an HTTP date", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("names a connection failure by its system error code", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    expect(networkReason(refused)).toBe("ECONNREFUSED");
    expect(networkReason(new TypeError("fetch failed", { cause: new Error("bad port") }))).toBe("bad port");
    expect(networkReason("?")).toBe("network error");
  });
});
