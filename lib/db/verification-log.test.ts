// The verification log on a database of this file's own: it reads "the newest rows" and
// counts an integration's rows, which other files running beside it write too.
import { describe, expect, it } from "vitest";
import { useOwnDatabase } from "@/tests/support/own-database";
import { findKeyUse, listVerificationFailures, recordKeyUse, recordVerificationFailure } from "./verification-log";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";

const own = useOwnDatabase();

describe("verification log", () => {
  it("keeps refused requests newest first, without the signature", async () => {
    recordVerificationFailure("socialsignin", "bad_signature", "expires=1&q=first", own.client);
    await new Promise((r) => setTimeout(r, 5));
    recordVerificationFailure("socialsignin", "expired", "expires=2&q=second", own.client);
    await flushDeferredWrites();
    const failures = await listVerificationFailures("socialsignin", 2, own.client);
    expect(failures.map((f) => [f.reason, f.canonical])).toEqual([
      ["expired", "expires=2&q=second"],
      ["bad_signature", "expires=1&q=first"],
    ]);
  });

  it("bounds the stored canonical string", async () => {
    recordVerificationFailure("retailcrm", "bad_token", "x".repeat(10_000), own.client);
    await flushDeferredWrites();
    const [latest] = await listVerificationFailures("retailcrm", 1, own.client);
    expect(latest?.canonical.length).toBe(4096);
  });

  it("records which key verified, and a change of key at once", async () => {
    recordKeyUse("suresend", "previous", own.client);
    await flushDeferredWrites();
    expect((await findKeyUse("suresend", own.client))?.keySlot).toBe("previous");
    recordKeyUse("suresend", "current", own.client);
    await flushDeferredWrites();
    expect((await findKeyUse("suresend", own.client))?.keySlot).toBe("current");
    const first = (await findKeyUse("suresend", own.client))?.usedAt;
    recordKeyUse("suresend", "current", own.client); // same key within a minute: no write
    await flushDeferredWrites();
    expect((await own.client.keyUse.findUnique({ where: { integration: "suresend" } }))?.usedAt).toEqual(first);
  });

  it("prunes all but the newest 1,000 failures of an integration", async () => {
    // In bursts of 100, a few milliseconds apart (pruning goes by time, to the millisecond).
    for (let burst = 0; burst < 12; burst++) {
      for (let i = 0; i < 100; i++)
        recordVerificationFailure("suresend", "bad_signature", `n=${burst * 100 + i}`, own.client);
      await flushDeferredWrites();
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const kept = await own.client.verificationFailure.count({ where: { integration: "suresend" } });
    // Pruned every 100 records, by time: the ones recorded since the last pruning, and
    // those of the 1,000th's millisecond, may be over.
    expect(kept).toBeGreaterThanOrEqual(1000);
    expect(kept).toBeLessThanOrEqual(1100);
    expect(
      await own.client.verificationFailure.count({ where: { integration: "suresend", canonical: "n=1199" } }),
    ).toBe(1);
    expect(await own.client.verificationFailure.count({ where: { integration: "suresend", canonical: "n=0" } })).toBe(
      0,
    );
  });
});
