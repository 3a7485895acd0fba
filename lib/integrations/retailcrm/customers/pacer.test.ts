import { describe, expect, it } from "vitest";
import { accountPacer, createPacer } from "./pacer";

describe("createPacer", () => {
  it("spaces requests so that no second holds more than 10, and never makes an idle account wait", async () => {
    let now = 1_000_000;
    const starts: number[] = [];
    // A clock that moves only when the pacer sleeps: the spacing, not the machine's speed, is measured.
    const pacer = createPacer(105, () => now);
    const signal = new AbortController().signal;
    const original = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      now += ms;
      return original(fn, 0);
    }) as typeof setTimeout;
    try {
      for (let i = 0; i < 25; i++) {
        await pacer.wait(signal);
        starts.push(now);
      }
    } finally {
      globalThis.setTimeout = original;
    }
    for (let i = 10; i < starts.length; i++) expect(starts[i]! - starts[i - 10]!).toBeGreaterThanOrEqual(1000);
    expect(starts[0]).toBe(1_000_000);
    now += 5_000;
    const before = now;
    await pacer.wait(signal);
    expect(now).toBe(before);
  });

  it("is one per account in a process, so runs one after another share its pace", () => {
    expect(accountPacer("https://a.retailcrm.ru")).toBe(accountPacer("https://a.retailcrm.ru"));
    expect(accountPacer("https://a.retailcrm.ru")).not.toBe(accountPacer("https://b.retailcrm.ru"));
  });
});
