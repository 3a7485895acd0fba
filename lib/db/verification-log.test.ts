import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findKeyUse, listVerificationFailures, recordKeyUse, recordVerificationFailure } from "./verification-log";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";

describe("verification log", () => {
  it("starts empty: this file has a database of its own (tests/setup.ts), whatever other files record meanwhile", async () => {
    expect(await db().verificationFailure.count()).toBe(0);
    expect(await db().keyUse.count()).toBe(0);
  });

  it("keeps refused requests newest first, without the signature", async () => {
    recordVerificationFailure("socialsignin", "bad_signature", "expires=1&q=first");
    await new Promise((r) => setTimeout(r, 5));
    recordVerificationFailure("socialsignin", "expired", "expires=2&q=second");
    await flushDeferredWrites();
    const failures = await listVerificationFailures("socialsignin", 2);
    expect(failures.map((f) => [f.reason, f.canonical])).toEqual([
      ["expired", "expires=2&q=second"],
      ["bad_signature", "expires=1&q=first"],
    ]);
  });

  it("bounds the stored canonical string", async () => {
    recordVerificationFailure("retailcrm", "bad_token", "x".repeat(10_000));
    await flushDeferredWrites();
    const [latest] = await listVerificationFailures("retailcrm", 1);
    expect(latest?.canonical.length).toBe(4096);
  });

  it("records which key verified, and a change of key at once", async () => {
    recordKeyUse("suresend", "previous");
    await flushDeferredWrites();
    expect((await findKeyUse("suresend"))?.keySlot).toBe("previous");
    recordKeyUse("suresend", "current");
    await flushDeferredWrites();
    expect((await findKeyUse("suresend"))?.keySlot).toBe("current");
    const first = (await findKeyUse("suresend"))?.usedAt;
    recordKeyUse("suresend", "current"); // same key within a minute: no write
    await flushDeferredWrites();
    expect((await db().keyUse.findUnique({ where: { integration: "suresend" } }))?.usedAt).toEqual(first);
  });

  it("prunes all but the newest 1,000 failures of an integration", async () => {
    // In bursts of 100, a few milliseconds apart (pruning goes by time, to the millisecond).
    for (let burst = 0; burst < 12; burst++) {
      for (let i = 0; i < 100; i++) recordVerificationFailure("suresend", "bad_signature", `n=${burst * 100 + i}`);
      await flushDeferredWrites();
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const kept = await db().verificationFailure.count({ where: { integration: "suresend" } });
    // Pruned every 100 records, by time: the ones recorded since the last pruning, and
    // those of the 1,000th's millisecond, may be over.
    expect(kept).toBeGreaterThanOrEqual(1000);
    expect(kept).toBeLessThanOrEqual(1100);
    expect(await db().verificationFailure.count({ where: { integration: "suresend", canonical: "n=1199" } })).toBe(1);
    expect(await db().verificationFailure.count({ where: { integration: "suresend", canonical: "n=0" } })).toBe(0);
  });
});
