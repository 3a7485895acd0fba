// Rows written by the bulk modules on a run's own connection (contacts with emails and
// phones, external refs, leads) read back through Prisma exactly like rows Prisma wrote:
// the app shows imported records through Prisma.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { createContact } from "@/lib/db/contacts";
import { findContactIdsByEmails, findContactIdsByPhoneDigits, insertContacts } from "@/lib/db/contact-batches";
import { findChannelsOfContacts, setPrimaryPhones } from "@/lib/db/contact-channel-batches";
import { findExternalRefs, insertExternalRefs, updateExternalRefSourceTimes } from "@/lib/db/external-ref-batches";
import { findLeadsByIdentity, insertLeads, updateLeadsFromSource } from "@/lib/db/leads";
import { type Sql, openSession } from "@/lib/db/driver";
import { candidateKey } from "@/lib/contacts/contact-rules";

const database = useOwnDatabase();
let session: Sql;
beforeAll(async () => {
  session = await openSession(database.url);
});
afterAll(() => session.close());
beforeEach(() => clearConnectorData(database.client));

const now = new Date("2026-02-03T04:05:06.789Z");
const sourceTime = new Date("2025-12-31T23:59:59.001Z");
const input = {
  kind: "person" as const,
  firstName: "Ana",
  lastName: "Marín",
  emails: [{ email: " Ana@Example.com ", label: "work", isPrimary: true }, { email: "ana@home.org" }],
  phones: [{ phone: "+34 600 111 222", type: "mobile", isPrimary: true }, { phone: "600 333 444" }],
};

/** A contact as the app reads it, without the columns that differ by who wrote it (ids, times). */
async function readContact(id: string) {
  const contact = await database.client.contact.findUniqueOrThrow({
    where: { id },
    include: { emails: { orderBy: { emailLower: "asc" } }, phones: { orderBy: { digits: "asc" } } },
  });
  const { id: _id, createdAt, updatedAt, emails, phones, ...rest } = contact;
  expect(createdAt).toBeInstanceOf(Date);
  expect(updatedAt).toBeInstanceOf(Date);
  return {
    ...rest,
    emails: emails.map(({ id: _e, contactId, ...e }) => (expect(contactId).toBe(id), e)),
    phones: phones.map(({ id: _p, contactId, ...p }) => (expect(contactId).toBe(id), p)),
  };
}

describe("driver-written rows through Prisma", () => {
  it("reads a bulk-inserted contact exactly like one Prisma created, and finds it by its keys", async () => {
    await session.transaction((tx) => insertContacts(tx, [{ id: "c-bulk", input }], now));
    const prisma = await createContact(input, database.client);
    expect(await readContact("c-bulk")).toEqual(await readContact(prisma.id));
    const bulk = await database.client.contact.findUniqueOrThrow({ where: { id: "c-bulk" } });
    expect([bulk.createdAt.getTime(), bulk.updatedAt.getTime()]).toEqual([now.getTime(), now.getTime()]);
    // Prisma filters on the booleans and dates the driver wrote.
    expect(await database.client.contactPhone.count({ where: { contactId: "c-bulk", isPrimary: true } })).toBe(1);
    expect(await database.client.contact.count({ where: { createdAt: now } })).toBe(1);
    if (session.engine === "sqlite") {
      // Stored alike too (raw SQL elsewhere compares and sorts these columns): dates as
      // text of one shape, booleans as integers.
      const stored = await session.transaction((tx) =>
        tx.query<{ id: string; at: string; flag: string }>(
          `SELECT c."id", typeof(c."createdAt") || ':' || length(c."createdAt") AS "at", typeof(p."isPrimary") AS "flag"
           FROM "Contact" c JOIN "ContactPhone" p ON p."contactId" = c."id"`,
        ),
      );
      expect(new Set(stored.map((r) => `${r.at} ${r.flag}`))).toEqual(new Set(["text:29 integer"]));
      expect(stored).toHaveLength(4);
    }

    const found = await session.transaction(async (tx) => ({
      byEmail: await findContactIdsByEmails(tx, ["ana@example.com"]),
      byPhone: await findContactIdsByPhoneDigits(tx, ["34600111222"]),
      channels: await findChannelsOfContacts(tx, ["c-bulk"]),
    }));
    // The oldest contact wins: the bulk one was created first.
    expect(found.byEmail.get(candidateKey("person", "email", "ana@example.com"))).toEqual({
      contactId: "c-bulk",
      createdAt: now.getTime(),
    });
    expect(found.byPhone.get(candidateKey("person", "phone", "34600111222"))?.contactId).toBe("c-bulk");
    expect(found.channels.phones.get("c-bulk")).toEqual([
      { key: "34600111222", isPrimary: true },
      { key: "600333444", isPrimary: false },
    ]);

    await session.transaction((tx) => setPrimaryPhones(tx, [{ contactId: "c-bulk", key: "600333444" }]));
    const phones = await database.client.contactPhone.findMany({
      where: { contactId: "c-bulk" },
      orderBy: { digits: "asc" },
    });
    expect(phones.map((p) => p.isPrimary)).toEqual([false, true]);
  });

  it("reads external refs with their source times, and their updates", async () => {
    const contact = await createContact({ kind: "company", name: "Acme" }, database.client);
    await session.transaction((tx) =>
      insertExternalRefs(
        tx,
        "crmcom",
        [{ contactId: contact.id, externalId: "x-1", sourceUpdatedAt: sourceTime, url: null }],
        now,
      ),
    );
    const ref = await database.client.externalRef.findUniqueOrThrow({
      where: { system_externalId: { system: "crmcom", externalId: "x-1" } },
    });
    expect(ref).toMatchObject({
      contactId: contact.id,
      url: null,
      sourceUpdatedAt: sourceTime,
      createdAt: now,
      updatedAt: now,
    });
    const stored = await session.transaction((tx) => findExternalRefs(tx, "crmcom", ["x-1", "x-2"]));
    expect([...stored]).toEqual([["x-1", { id: ref.id, contactId: contact.id, sourceUpdatedAt: sourceTime }]]);

    const later = new Date(now.getTime() + 1000);
    await session.transaction((tx) =>
      updateExternalRefSourceTimes(tx, [{ id: ref.id, sourceUpdatedAt: later }], later),
    );
    expect(await database.client.externalRef.findUniqueOrThrow({ where: { id: ref.id } })).toMatchObject({
      sourceUpdatedAt: later,
      updatedAt: later,
      createdAt: now,
    });
  });

  it("reads leads with their dates, and a lead refreshed from its source", async () => {
    const contact = await createContact({ kind: "person", firstName: "Asha" }, database.client);
    const fields = {
      name: "Asha",
      email: null,
      phone: "+91 98765 43210",
      projectId: "7",
      projectName: "Tower",
      locality: null,
      leadDate: sourceTime,
      raw: "{}",
    };
    await session.transaction((tx) =>
      insertLeads(
        tx,
        [{ id: "l-1", source: "housing", identityKey: "7|919876543210|1", contactId: contact.id, ...fields }],
        now,
      ),
    );
    expect(await database.client.lead.findUniqueOrThrow({ where: { id: "l-1" } })).toEqual({
      id: "l-1",
      source: "housing",
      identityKey: "7|919876543210|1",
      contactId: contact.id,
      ...fields,
      createdAt: now,
      updatedAt: now,
    });
    const later = new Date(now.getTime() + 1000);
    await session.transaction((tx) =>
      updateLeadsFromSource(tx, [{ id: "l-1", lead: { ...fields, locality: "Powai", raw: '{"v":2}' } }], later),
    );
    expect(await database.client.lead.findUniqueOrThrow({ where: { id: "l-1" } })).toMatchObject({
      locality: "Powai",
      raw: '{"v":2}',
      leadDate: sourceTime,
      createdAt: now,
      updatedAt: later,
    });
    const stored = await session.transaction((tx) => findLeadsByIdentity(tx, "housing", ["7|919876543210|1"]));
    expect(stored.get("7|919876543210|1")).toEqual({ id: "l-1", raw: '{"v":2}' });
  });
});
