// The contact view's record and the widget's lookups read through the driver, not
// Prisma: what they read must be exactly what Prisma wrote (dates in UTC, booleans,
// numbers, order), on SQLite and PostgreSQL alike.
import { beforeAll, describe, expect, it } from "vitest";
import { createContact, findContactIdByEmailOrPhone, findContactIdByExternalRef } from "@/lib/db/contacts";
import { loadContactRecord } from "@/lib/db/contact-records";
import { sqlOf } from "@/lib/db/driver";
import { useOwnDatabase } from "@/tests/support/own-database";

const own = useOwnDatabase();

async function seed() {
  const client = own.client;
  const company = await createContact(
    {
      kind: "company",
      name: "Ångström & Co",
      industry: "Optics",
      website: "https://angstrom.example",
      description: "Lenses <b>and</b> mirrors",
      companySize: "11-50",
      annualRevenue: 1234567.5,
      foundedDate: new Date("1999-12-31T23:30:00.000Z"),
      registrationNumber: "RN-1",
      taxId: "TX-9",
      emails: [{ email: "Info@Angstrom.example", isPrimary: true }],
    },
    client,
  );
  const person = await createContact(
    {
      kind: "person",
      firstName: "Zoë",
      lastName: "Brandt",
      stage: "customer",
      companyId: company.id,
      emails: [
        { email: "zoe@home.example", label: "home" },
        { email: "Zoe.Brandt@Work.example", label: "work", isPrimary: true },
      ],
      phones: [{ phone: "+44 20 7946 0000", type: "mobile", isPrimary: true }],
      addresses: [{ type: "office", street: "1 Lens Row", city: "Leeds", country: "GB", isPrimary: true }],
      externalRefs: [{ system: "suresend", externalId: "ss-zoe", url: "https://app.suresend.ai/people/ss-zoe" }],
    },
    client,
  );
  const author = await client.staffUser.create({
    data: { email: "agent@bridge.example", name: null, passwordHash: "x" },
  });
  await client.note.create({
    data: { contactId: person.id, authorId: author.id, body: "first", createdAt: new Date("2026-11-01T10:00:00.123Z") },
  });
  await client.note.create({
    data: { contactId: person.id, body: "second", createdAt: new Date("2026-11-02T10:00:00Z") },
  });
  await client.note.create({ data: { contactId: person.id, body: "gone", deletedAt: new Date() } });
  await client.lead.create({
    data: {
      source: "housing",
      identityKey: "k1",
      contactId: person.id,
      leadDate: new Date("2026-10-05T08:00:00Z"),
      raw: "{}",
      projectName: "Skyline",
      locality: "Pune",
    },
  });
  return { company, person };
}

let company: { id: string };
let person: { id: string };
beforeAll(async () => void ({ company, person } = await seed()));

describe("loadContactRecord", () => {
  it("reads back a person and a company exactly as they were written", async () => {
    const sql = sqlOf(own.client);

    const record = await loadContactRecord(person.id, sql);
    expect(record).toEqual({
      id: person.id,
      card: {
        kind: "person",
        name: "Zoë Brandt",
        stage: "customer",
        companyName: "Ångström & Co",
        emails: expect.arrayContaining([
          { value: "zoe@home.example", label: "home", isPrimary: false },
          { value: "Zoe.Brandt@Work.example", label: "work", isPrimary: true },
        ]) as unknown,
        phones: [{ value: "+44 20 7946 0000", label: "mobile", isPrimary: true }],
        addresses: [
          {
            type: "office",
            street: "1 Lens Row",
            city: "Leeds",
            state: null,
            code: null,
            country: "GB",
            isPrimary: true,
          },
        ],
        company: null,
      },
      notes: [
        expect.objectContaining({ body: "second", author: null, createdAt: "2026-11-02T10:00:00.000Z" }),
        expect.objectContaining({
          body: "first",
          author: "agent@bridge.example",
          createdAt: "2026-11-01T10:00:00.123Z",
        }),
      ],
      leads: [
        expect.objectContaining({
          source: "housing",
          projectName: "Skyline",
          locality: "Pune",
          leadDate: "2026-10-05T08:00:00.000Z",
        }),
      ],
      links: [{ system: "suresend", externalId: "ss-zoe", url: "https://app.suresend.ai/people/ss-zoe" }],
    });
    expect(record?.card.emails).toHaveLength(2);
    // Timestamps Prisma wrote itself (updatedAt) read back to the millisecond.
    const stored = await own.client.note.findFirstOrThrow({ where: { body: "first" } });
    expect(record?.notes[1]?.updatedAt).toBe(stored.updatedAt.toISOString());

    const companyRecord = await loadContactRecord(company.id, sql);
    expect(companyRecord?.card).toMatchObject({
      kind: "company",
      name: "Ångström & Co",
      companyName: null,
      company: {
        industry: "Optics",
        website: "https://angstrom.example",
        description: "Lenses <b>and</b> mirrors",
        companySize: "11-50",
        annualRevenue: 1234567.5,
        foundedDate: "1999-12-31T23:30:00.000Z",
        registrationNumber: "RN-1",
        taxId: "TX-9",
      },
    });
    expect(await loadContactRecord("no-such-contact", sql)).toBeNull();
  });

  it("finds the widget's contact by link, email (any case) or phone digits, of the right kind only", async () => {
    const sql = sqlOf(own.client);
    expect(await findContactIdByExternalRef("suresend", "ss-zoe", sql)).toBe(person.id);
    expect(await findContactIdByExternalRef("socialsignin", "ss-zoe", sql)).toBeNull();
    expect(await findContactIdByEmailOrPhone(["ZOE@HOME.EXAMPLE"], [], "person", sql)).toBe(person.id);
    expect(
      await findContactIdByEmailOrPhone(["nobody@x.example"], ["(020) 7946-0000 ext", "442079460000"], "person", sql),
    ).toBe(person.id);
    expect(await findContactIdByEmailOrPhone(["zoe@home.example"], [], "company", sql)).toBeNull();
    expect(await findContactIdByEmailOrPhone(["info@angstrom.example"], [], "company", sql)).toBe(company.id);
    expect(await findContactIdByEmailOrPhone([], [], "person", sql)).toBeNull();
  });
});
