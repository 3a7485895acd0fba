import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  findRetailCrmCredentials,
  listRetailCrmConnections,
  markRetailCrmConnectionInactive,
  recordRetailCrmActivity,
  saveRetailCrmConnection,
} from "./retailcrm-connections";

const input = (systemUrl: string, n: number) => ({
  systemUrl,
  apiKeyEncrypted: `sealed-${n}`,
  clientId: `${systemUrl}#client-${n}`,
});

describe("retailCRM connections", () => {
  it("keeps one row per system URL even when saves race (no in-process lock here)", async () => {
    const systemUrl = "https://race.retailcrm.ru";
    const saved = await Promise.all([1, 2, 3, 4, 5].map((n) => saveRetailCrmConnection(input(systemUrl, n))));
    expect(new Set(saved.map((s) => s.id)).size).toBe(1);
    const rows = await db().retailCrmConnection.findMany({ where: { systemUrl } });
    expect(rows).toHaveLength(1);
    // the stored key and client id belong to the same save
    expect(rows[0]!.clientId.endsWith(rows[0]!.apiKeyEncrypted.replace("sealed-", "client-"))).toBe(true);
  });

  it("lists connections newest first, without the sealed key or client id", async () => {
    const older = await saveRetailCrmConnection(
      input("https://older.retailcrm.ru", 1),
      new Date("2026-01-01T00:00:00Z"),
    );
    const newer = await saveRetailCrmConnection(
      input("https://newer.retailcrm.ru", 1),
      new Date("2026-02-01T00:00:00Z"),
    );
    await markRetailCrmConnectionInactive(older.id);
    const list = await listRetailCrmConnections();
    const ours = list.filter((c) => c.id === older.id || c.id === newer.id);
    expect(ours.map((c) => [c.systemUrl, c.active, c.connectedAt.toISOString()])).toEqual([
      ["https://newer.retailcrm.ru", true, "2026-02-01T00:00:00.000Z"],
      ["https://older.retailcrm.ru", false, "2026-01-01T00:00:00.000Z"],
    ]);
    for (const connection of list) {
      expect(Object.keys(connection).sort()).toEqual(
        ["active", "connectedAt", "frozen", "id", "lastActivityAt", "lastSyncAt", "systemUrl", "updatedAt"].sort(),
      );
    }
    expect((await findRetailCrmCredentials(newer.id))?.apiKeyEncrypted).toBe("sealed-1");
  });

  it("records the state retailCRM reports, and nothing for an unknown client id", async () => {
    const saved = await saveRetailCrmConnection(input("https://activity.retailcrm.ru", 1));
    const at = new Date("2026-03-01T12:00:00Z");
    const updated = await recordRetailCrmActivity(
      "https://activity.retailcrm.ru#client-1",
      { active: false, frozen: true },
      at,
    );
    expect(updated).toMatchObject({ id: saved.id, active: false, frozen: true, lastActivityAt: at });
    expect(await recordRetailCrmActivity("unknown", { active: true, frozen: false })).toBeNull();
  });
});
