import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findKeyUse, listVerificationFailures, recordKeyUse, recordVerificationFailure } from "./verification-log";

describe("verification log", () => {
  it("keeps refused requests newest first, without the signature", async () => {
    await recordVerificationFailure("socialsignin", "bad_signature", "expires=1&q=first");
    await new Promise((r) => setTimeout(r, 5));
    await recordVerificationFailure("socialsignin", "expired", "expires=2&q=second");
    const failures = await listVerificationFailures("socialsignin", 2);
    expect(failures.map((f) => [f.reason, f.canonical])).toEqual([
      ["expired", "expires=2&q=second"],
      ["bad_signature", "expires=1&q=first"],
    ]);
  });

  it("bounds the stored canonical string", async () => {
    await recordVerificationFailure("retailcrm", "bad_token", "x".repeat(10_000));
    const [latest] = await listVerificationFailures("retailcrm", 1);
    expect(latest?.canonical.length).toBe(4096);
  });

  it("records which key verified, and a change of key at once", async () => {
    await recordKeyUse("suresend", "previous");
    expect((await findKeyUse("suresend"))?.keySlot).toBe("previous");
    await recordKeyUse("suresend", "current");
    expect((await findKeyUse("suresend"))?.keySlot).toBe("current");
    const first = (await findKeyUse("suresend"))?.usedAt;
    await recordKeyUse("suresend", "current"); // same key within a minute: no write
    expect((await db().keyUse.findUnique({ where: { integration: "suresend" } }))?.usedAt).toEqual(first);
  });
});
