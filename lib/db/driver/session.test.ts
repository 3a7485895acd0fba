// A session of the driver (a connector run's own connection) on the engine of this test run: commit,
// rollback on a throw, a dry run's rollback, two sessions writing one after the other,
// values stored as Prisma stores them, and the connection closed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { openConnectorConnections } from "@/tests/support/open-connections";
import { type Sql, type SqlTx, openSession } from "@/lib/db/driver";

const database = useOwnDatabase();
let sessions: Sql[] = [];

async function open(): Promise<Sql> {
  const session = await openSession(database.url);
  sessions.push(session);
  return session;
}

/** Creates a connector-state row (`name` only) inside tx. */
function addState(tx: SqlTx, name: string, updatedAt = new Date()): Promise<number> {
  return tx.execute(`INSERT INTO "ConnectorState" ("name", "updatedAt") VALUES ($1, $2)`, [name, updatedAt]);
}

const stateNames = async () =>
  (await database.client.connectorState.findMany({ orderBy: { name: "asc" } })).map((s) => s.name);

beforeEach(() => clearConnectorData(database.client));
afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  sessions = [];
});

describe("a session's transaction", () => {
  it("commits what it wrote when it resolves, and hands back its result", async () => {
    const session = await open();
    expect(await session.transaction(async (tx) => addState(tx, "a"))).toBe(1);
    expect(await stateNames()).toEqual(["a"]);
    const rows = await session.transaction((tx) => tx.query<{ name: string }>(`SELECT "name" FROM "ConnectorState"`));
    expect(rows).toEqual([{ name: "a" }]);
  });

  it("rolls everything back when it throws, and rethrows", async () => {
    const session = await open();
    const failing = session.transaction(async (tx) => {
      await addState(tx, "a");
      await addState(tx, "b");
      throw new Error("the unit failed");
    });
    await expect(failing).rejects.toThrow("the unit failed");
    // A failed statement rolls back too, and the session stays usable.
    await expect(
      session.transaction(async (tx) => (await addState(tx, "c")) + (await addState(tx, "c"))),
    ).rejects.toThrow();
    expect(await stateNames()).toEqual([]);
    await session.transaction((tx) => addState(tx, "d"));
    expect(await stateNames()).toEqual(["d"]);
  });

  it("rolls back a dry run, still returning its result", async () => {
    const session = await open();
    expect(await session.transaction(async (tx) => addState(tx, "a"), { rollback: true })).toBe(1);
    expect(await stateNames()).toEqual([]);
  });

  it("lets a second session write only after the first committed", async () => {
    const [first, second] = [await open(), await open()];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const a = first.transaction(async (tx) => {
      await addState(tx, "a");
      await held;
      order.push("a committed");
    });
    // Let the first transaction start and take its lock before the second begins.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const b = second.transaction(async (tx) => {
      // SQLite: BEGIN IMMEDIATE waits for the lock; PostgreSQL: this read sees the
      // committed row only (the first transaction has not committed yet, or it has).
      const seen = await tx.query<{ name: string }>(`SELECT "name" FROM "ConnectorState"`);
      order.push(`b saw ${seen.map((r) => r.name).join(",") || "nothing"}`);
      await addState(tx, "b");
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await Promise.all([a, b]);
    expect(await stateNames()).toEqual(["a", "b"]);
    if (first.engine === "sqlite") expect(order).toEqual(["a committed", "b saw a"]);
    else expect(order).toEqual(["b saw nothing", "a committed"]);
  });

  it("stores dates and booleans as Prisma does, so Prisma reads them back", async () => {
    const session = await open();
    const at = new Date("2026-03-04T05:06:07.089Z");
    await session.transaction((tx) =>
      tx.execute(
        `INSERT INTO "ConnectorRun" ("id", "connector", "status", "dryRun", "startedAt", "counts") VALUES ($1, $2, $3, $4, $5, $6)`,
        ["run-1", "test", "running", true, at, "{}"],
      ),
    );
    const viaPrisma = await database.client.connectorRun.create({
      data: { connector: "test", status: "running", dryRun: true, startedAt: at },
    });
    const runs = await database.client.connectorRun.findMany({ where: { startedAt: at, dryRun: true } });
    expect(runs.map((r) => r.id).sort()).toEqual(["run-1", viaPrisma.id].sort());
    expect(runs.every((r) => r.startedAt.getTime() === at.getTime() && r.dryRun === true)).toBe(true);
    const read = await session.transaction((tx) =>
      tx.query<{ startedAt: Date; dryRun: boolean }>(
        `SELECT "startedAt", "dryRun" FROM "ConnectorRun" WHERE "id" = $1`,
        ["run-1"],
        { startedAt: "date", dryRun: "boolean" },
      ),
    );
    // Read back as a Date of the same instant and a boolean on both engines (SQLite
    // stores Prisma's text and 0/1; PostgreSQL's timestamp is read as UTC).
    expect(read[0]!.startedAt).toBeInstanceOf(Date);
    expect(read[0]!.startedAt.getTime()).toBe(at.getTime());
    expect(read[0]!.dryRun).toBe(true);
  });
});

describe("placeholders", () => {
  it("bind by number on both engines, whatever their order in the text, and may repeat", async () => {
    const session = await open();
    const at = new Date("2026-01-02T03:04:05.678Z");
    // Written last-first: with SQLite's `?` these would bind in order of appearance and
    // swap the name and the cursor (and put the date in the wrong column).
    await session.transaction((tx) =>
      tx.execute(`INSERT INTO "ConnectorState" ("cursor", "updatedAt", "name", "leaseOwner") VALUES ($3, $2, $1, $3)`, [
        "the name",
        at,
        "the cursor",
      ]),
    );
    const [row] = await database.client.connectorState.findMany();
    expect(row).toMatchObject({ name: "the name", cursor: "the cursor", leaseOwner: "the cursor", updatedAt: at });
    const found = await session.transaction((tx) =>
      tx.query<{ name: string }>(`SELECT "name" FROM "ConnectorState" WHERE "cursor" = $2 AND "name" = $1`, [
        "the name",
        "the cursor",
      ]),
    );
    expect(found).toEqual([{ name: "the name" }]);
  });
});

describe("closing a session", () => {
  it("closes its connection, and closing twice is harmless", async () => {
    const before = await openConnectorConnections(database.url);
    const session = await openSession(database.url);
    await session.transaction((tx) => addState(tx, "a"));
    expect(await openConnectorConnections(database.url)).toBe(before + 1);
    await session.close();
    await session.close();
    expect(await openConnectorConnections(database.url)).toBe(before);
  });
});
