// Staff writes while another connection holds the lock (contract section 8, both engines):
// the write is tried again without stopping the process, lands once when the lock goes,
// and fails as `unavailable` when it does not go in time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createContact } from "@/lib/db/contacts";
import { addNote } from "@/lib/db/notes";
import { upsertStaffUser } from "@/lib/db/staff-users";
import { sqlFor } from "@/lib/db/driver";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { createOutageDatabase, type OutageDatabase } from "@/tests/support/outage-database";

let outage: OutageDatabase;
let client: Db;
let contactId: string;
let authorId: string;

beforeAll(async () => {
  outage = await createOutageDatabase();
  client = createDb(outage.url);
  contactId = (await createContact({ kind: "person", firstName: "Locked", lastName: "Writes" }, client)).id;
  authorId = (await upsertStaffUser("locked-writes@example.com", "password-123456", client)).id;
});

afterAll(async () => {
  await client.$disconnect();
  await outage.drop();
});

/** Settles `write` and `read`, and says which settled first. */
async function firstToSettle(write: Promise<unknown>, read: Promise<unknown>): Promise<"write" | "read"> {
  const order: string[] = [];
  await Promise.allSettled([write.finally(() => order.push("write")), read.finally(() => order.push("read"))]);
  return order[0] as "write" | "read";
}

async function notesOfContact(): Promise<string[]> {
  const notes = await client.note.findMany({ where: { contactId }, select: { body: true } });
  return notes.map((n) => n.body);
}

describe("a staff write while another connection holds the lock", () => {
  it("is tried again, with the process answering meanwhile, and lands once when the lock goes", async () => {
    const release = await outage.lock();
    const write = addNote({ contactId, authorId, body: "written after the lock" }, client);
    // A read that needs no locked table, from a timer set after the write began: it runs
    // and is answered while the write waits. A synchronous wait would hold the timer, and
    // so the read, until the write gave up.
    const read = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
      sqlFor(outage.url).query("SELECT 1 AS one"),
    );
    const settledFirst = await firstToSettle(
      write,
      read.then(async (rows) => {
        await release();
        return rows;
      }),
    );
    expect(settledFirst).toBe("read");
    await expect(write).resolves.toMatchObject({ body: "written after the lock" });
    expect(await notesOfContact()).toEqual(["written after the lock"]);
    const events = await client.auditEvent.count({ where: { action: "note.create", actorId: authorId } });
    expect(events).toBe(1);
  });

  it("fails as unavailable, writing nothing, when the lock outlasts the retries", async () => {
    const release = await outage.lock();
    try {
      const error: unknown = await addNote({ contactId, authorId, body: "never written" }, client).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await release();
    }
    expect(await notesOfContact()).toEqual(["written after the lock"]);
  });
});
