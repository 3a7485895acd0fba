import { describe, expect, it } from "vitest";
import { doublingPause, retryWithin } from "./backoff";

describe("doublingPause", () => {
  it("starts at firstMs, doubles after each failure, and stops at maxMs", () => {
    const schedule = { firstMs: 25, maxMs: 400 };
    expect([1, 2, 3, 4, 5, 6, 40, 2000].map((n) => doublingPause(n, schedule))).toEqual([
      25, 50, 100, 200, 400, 400, 400, 400,
    ]);
  });
});

class Busy extends Error {}
const busy = (error: unknown) => error instanceof Busy;

/** An attempt that fails with `errors` in turn, then answers "done"; counts its calls. */
function failing(...errors: Error[]) {
  const calls = { count: 0 };
  const attempt = () => {
    calls.count++;
    const error = errors.shift();
    return error ? Promise.reject(error) : Promise.resolve("done");
  };
  return { attempt, calls };
}

describe("retryWithin", () => {
  it("runs the attempt again while its error is retryable, and returns what it then answers", async () => {
    const { attempt, calls } = failing(new Busy(), new Busy(), new Busy());
    await expect(retryWithin(attempt, busy, { budgetMs: 60_000, firstMs: 1, maxMs: 4 })).resolves.toBe("done");
    expect(calls.count).toBe(4);
  });

  it("throws any other error at once", async () => {
    const { attempt, calls } = failing(new Busy(), new Error("broken"));
    await expect(retryWithin(attempt, busy, { budgetMs: 60_000, firstMs: 1, maxMs: 4 })).rejects.toThrow("broken");
    expect(calls.count).toBe(2);
  });

  it("throws the retryable error as it is when the next pause would end past the budget", async () => {
    const last = new Busy("still busy");
    const { attempt, calls } = failing(last, new Busy());
    await expect(retryWithin(attempt, busy, { budgetMs: 5, firstMs: 10, maxMs: 10 })).rejects.toBe(last);
    expect(calls.count).toBe(1);
  });
});
