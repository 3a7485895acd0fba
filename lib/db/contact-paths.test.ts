// Every path that creates or matches a contact follows the same contact rules
// (lib/contacts/contact-rules.ts): the app's createContact, the Housing.com import and the
// CRM.COM import store the same contact for the same data, and the Sure Send lookup and
// both imports pick the same existing contact. Real database, real import code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { type ContactInput, createContact, findContactIdByEmailOrPhone } from "@/lib/db/contacts";
import { type Sql, openSession, sqlFor } from "@/lib/db/driver";
import { parseLeadsResponse, type HousingLead } from "@/lib/integrations/housing/schemas";
import { importLeads } from "@/lib/integrations/housing/import-leads";
import { personFromLead } from "@/lib/integrations/housing/mapping";
import { crmcomContactSchema } from "@/lib/integrations/crmcom/schema";
import { importContacts } from "@/lib/integrations/crmcom/import-contacts";
import { crmcomToContactInput } from "@/lib/integrations/crmcom/map";

const database = useOwnDatabase();
let session: Sql;
beforeAll(async () => {
  session = await openSession(database.url);
});
afterAll(() => session.close());
beforeEach(() => clearConnectorData(database.client));

let leadSeconds = 1_767_225_600;
function housingLead(fields: { lead_name?: string; lead_phone?: string; lead_email?: string }): HousingLead {
  const parsed = parseLeadsResponse([
    { project_id: "P1", project_name: "Towers", locality: "Powai", lead_date: String(leadSeconds++), ...fields },
  ]);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.leads[0]!;
}

let crmcomId = 0;
function crmcomRecord(fields: Record<string, unknown>) {
  return crmcomContactSchema.parse({
    id: `cc-${++crmcomId}`,
    contact_type: "PERSON",
    updated_date: 1_767_225_600,
    ...fields,
  });
}

async function importLead(lead: HousingLead): Promise<string> {
  await session.transaction((tx) => importLeads({ tx, dryRun: false }, [lead]));
  const stored = await database.client.lead.findFirstOrThrow({ where: { raw: lead.raw } });
  return stored.contactId;
}

async function importCrmcom(record: ReturnType<typeof crmcomRecord>): Promise<string> {
  await session.transaction((tx) => importContacts({ tx, dryRun: false }, [record], 0));
  const ref = await database.client.externalRef.findFirstOrThrow({
    where: { system: "crmcom", externalId: record.id },
  });
  return ref.contactId;
}

/** A contact as stored, without what differs by who wrote it (ids, times, links). */
async function stored(id: string) {
  const contact = await database.client.contact.findUniqueOrThrow({
    where: { id },
    include: { emails: { orderBy: { emailLower: "asc" } }, phones: { orderBy: { digits: "asc" } } },
  });
  const { id: _id, createdAt: _c, updatedAt: _u, emails, phones, ...rest } = contact;
  return {
    ...rest,
    emails: emails.map(({ id: _e, contactId: _ec, ...e }) => e),
    phones: phones.map(({ id: _p, contactId: _pc, ...p }) => p),
  };
}

describe("the same data stores the same contact on every path", () => {
  it("a Housing.com lead, a CRM.COM contact and createContact with the lead's data", async () => {
    const lead = housingLead({
      lead_name: " Ana  Marín ",
      lead_phone: "+34 600-111-222 ",
      lead_email: " Ana@Example.com",
    });
    const fromLead = await importLead(lead);
    const fromCrmcom = await importCrmcom(
      crmcomRecord({
        first_name: "Ana",
        last_name: "Marín",
        email_address: "Ana@Example.com",
        phones: [{ number: "+34 600-111-222" }],
      }),
    );
    const fromApp = await createContact(personFromLead(lead), database.client);
    const expected = await stored(fromApp.id);
    expect(expected).toMatchObject({
      kind: "person",
      firstName: "Ana",
      lastName: "Marín",
      displayName: "Ana Marín",
      emails: [{ email: "Ana@Example.com", emailLower: "ana@example.com", isPrimary: true }],
      phones: [{ phone: "+34 600-111-222", digits: "34600111222", isPrimary: true }],
    });
    expect(await stored(fromLead)).toEqual(expected);
    expect(await stored(fromCrmcom)).toEqual(expected);
  });

  it("copies of one number, a marked primary and an unusable number: the bulk path and createContact agree", async () => {
    const record = crmcomRecord({
      first_name: "Bo",
      email_address: "bo@example.com",
      phones: [
        { number: "+44 20 7946 0000", phone_type: "WORK" },
        { number: "n/a" },
        { number: "07700 900123", phone_type: "MOBILE" },
        { number: "(44) 20-7946-0000", is_primary: true },
      ],
    });
    const imported = await importCrmcom(record);
    const input: ContactInput = { ...crmcomToContactInput(record), externalRefs: [] };
    const created = await createContact(input, database.client);
    const expected = await stored(created.id);
    expect(expected.phones).toEqual([
      { phone: "07700 900123", digits: "07700900123", type: "mobile", isPrimary: false },
      { phone: "+44 20 7946 0000", digits: "442079460000", type: "work", isPrimary: true },
    ]);
    expect(await stored(imported)).toEqual(expected);
  });

  it("a lead with an unusable email stores a person without it on both paths", async () => {
    const lead = housingLead({ lead_name: "Ravi", lead_phone: "98765 43210", lead_email: "not given" });
    const fromLead = await importLead(lead);
    const fromApp = await createContact(personFromLead(lead), database.client);
    expect((await stored(fromApp.id)).emails).toEqual([]);
    expect(await stored(fromLead)).toEqual(await stored(fromApp.id));
  });
});

describe("every path picks the same existing contact", () => {
  const day = 86_400_000;
  async function contactAged(daysAgo: number, input: ContactInput): Promise<string> {
    const { id } = await createContact(input, database.client);
    await database.client.contact.update({ where: { id }, data: { createdAt: new Date(Date.now() - daysAgo * day) } });
    return id;
  }

  it("the contact of its kind having the email, before an older one having the phone", async () => {
    await contactAged(30, { kind: "company", name: "Shared Inbox Ltd", emails: [{ email: "desk@example.com" }] });
    await contactAged(20, {
      kind: "person",
      firstName: "Phone",
      lastName: "Owner",
      phones: [{ phone: "+91 90000 11111" }],
    });
    const byEmail = await contactAged(10, {
      kind: "person",
      firstName: "Email",
      lastName: "Owner",
      emails: [{ email: "DESK@example.com" }],
    });

    const lookup = await findContactIdByEmailOrPhone(
      ["desk@example.com"],
      ["919000011111"],
      "person",
      sqlFor(database.url),
    );
    const lead = await importLead(
      housingLead({ lead_name: "X", lead_phone: "+91 90000-11111", lead_email: "Desk@Example.com" }),
    );
    const crmcom = await importCrmcom(
      crmcomRecord({ first_name: "X", email_address: "desk@example.com", phones: [{ number: "919000011111" }] }),
    );
    expect([lookup, lead, crmcom]).toEqual([byEmail, byEmail, byEmail]);
  });

  it("without an email match, the oldest person having one of the phones", async () => {
    await contactAged(5, { kind: "person", firstName: "Newer", phones: [{ phone: "111 222" }] });
    const older = await contactAged(9, { kind: "person", firstName: "Older", phones: [{ phone: "333-444" }] });
    await contactAged(50, { kind: "company", name: "Oldest, a company", phones: [{ phone: "333444" }] });

    const lookup = await findContactIdByEmailOrPhone(
      ["nobody@example.com"],
      ["111222", "333444"],
      "person",
      sqlFor(database.url),
    );
    const lead = await importLead(
      housingLead({ lead_name: "Y", lead_phone: "333 444", lead_email: "nobody@example.com" }),
    );
    const crmcom = await importCrmcom(
      crmcomRecord({
        first_name: "Y",
        email_address: "nobody2@example.com",
        phones: [{ number: "111222" }, { number: "333444" }],
      }),
    );
    expect([lookup, lead, crmcom]).toEqual([older, older, older]);
  });

  it("a new person when only a company has the keys", async () => {
    const company = await contactAged(3, {
      kind: "company",
      name: "Acme",
      emails: [{ email: "hello@acme.example" }],
      phones: [{ phone: "555 0100" }],
    });
    expect(
      await findContactIdByEmailOrPhone(["hello@acme.example"], ["5550100"], "person", sqlFor(database.url)),
    ).toBeNull();
    const lead = await importLead(
      housingLead({ lead_name: "Z", lead_phone: "555-0100", lead_email: "hello@acme.example" }),
    );
    const crmcom = await importCrmcom(crmcomRecord({ first_name: "Z", email_address: "hello@acme.example" }));
    expect(lead).not.toBe(company);
    // The person made for the lead is the one the CRM.COM contact then matches.
    expect(crmcom).toBe(lead);
    expect(await database.client.contact.count({ where: { kind: "person" } })).toBe(1);
  });
});
