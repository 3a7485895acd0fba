// A whole contact as the contact view shows it: details, notes, leads and links. On the
// hot path of every widget and iframe view, so it reads through the driver (lib/db/sql.ts):
// one statement per part, run together.
import "server-only";
import { type Sql, readBoolean, readDate, sql as defaultSql } from "@/lib/db/sql";
import type { Address, CrmRecord } from "@/lib/contacts/view-model";

/** Notes and leads shown in a view; the admin pages page through the rest. */
const shownItems = 50;

type ContactRow = {
  id: string;
  kind: string;
  displayName: string;
  stage: string | null;
  industry: string | null;
  website: string | null;
  description: string | null;
  companySize: string | null;
  annualRevenue: number | null;
  foundedDate: string | Date | null;
  registrationNumber: string | null;
  taxId: string | null;
  companyName: string | null;
};
type MethodRow = { value: string; label: string | null; isPrimary: boolean | number };
type AddressRow = Omit<Address, "isPrimary"> & { isPrimary: boolean | number };
type NoteRow = { id: string; body: string; author: string | null; createdAt: string | Date; updatedAt: string | Date };
type LeadRow = {
  id: string;
  source: string;
  projectName: string | null;
  locality: string | null;
  leadDate: string | Date;
};
type LinkRow = { system: string; externalId: string; url: string | null };

const contactQuery = `SELECT c."id", c."kind", c."displayName", c."stage", c."industry", c."website", c."description",
    c."companySize", c."annualRevenue", c."foundedDate", c."registrationNumber", c."taxId", co."displayName" AS "companyName"
  FROM "Contact" c LEFT JOIN "Contact" co ON co."id" = c."companyId" WHERE c."id" = $1`;
const emailsQuery = `SELECT "email" AS "value", "label", "isPrimary" FROM "ContactEmail" WHERE "contactId" = $1 ORDER BY "id"`;
const phonesQuery = `SELECT "phone" AS "value", "type" AS "label", "isPrimary" FROM "ContactPhone" WHERE "contactId" = $1 ORDER BY "id"`;
const addressesQuery = `SELECT "type", "street", "city", "state", "code", "country", "isPrimary"
  FROM "ContactAddress" WHERE "contactId" = $1 ORDER BY "id"`;
const linksQuery = `SELECT "system", "externalId", "url" FROM "ExternalRef" WHERE "contactId" = $1 ORDER BY "createdAt", "id"`;
const notesQuery = `SELECT n."id", n."body", coalesce(u."name", u."email") AS "author", n."createdAt", n."updatedAt"
  FROM "Note" n LEFT JOIN "StaffUser" u ON u."id" = n."authorId"
  WHERE n."contactId" = $1 AND n."deletedAt" IS NULL ORDER BY n."createdAt" DESC, n."id" DESC LIMIT ${shownItems}`;
const leadsQuery = `SELECT "id", "source", "projectName", "locality", "leadDate" FROM "Lead"
  WHERE "contactId" = $1 ORDER BY "leadDate" DESC, "id" DESC LIMIT ${shownItems}`;

export async function loadContactRecord(id: string, sql: Sql = defaultSql()): Promise<CrmRecord | null> {
  const [[row], emails, phones, addresses, links, notes, leads] = await Promise.all([
    sql.query<ContactRow>(contactQuery, [id]),
    sql.query<MethodRow>(emailsQuery, [id]),
    sql.query<MethodRow>(phonesQuery, [id]),
    sql.query<AddressRow>(addressesQuery, [id]),
    sql.query<LinkRow>(linksQuery, [id]),
    sql.query<NoteRow>(notesQuery, [id]),
    sql.query<LeadRow>(leadsQuery, [id]),
  ]);
  if (!row) return null;
  const isCompany = row.kind === "company";
  const method = (m: MethodRow) => ({ value: m.value, label: m.label, isPrimary: readBoolean(m.isPrimary) });
  return {
    id: row.id,
    card: {
      kind: isCompany ? "company" : "person",
      name: row.displayName,
      stage: row.stage,
      companyName: row.companyName,
      emails: emails.map(method),
      phones: phones.map(method),
      addresses: addresses.map((a) => ({ ...a, isPrimary: readBoolean(a.isPrimary) })),
      company: isCompany
        ? {
            industry: row.industry,
            website: row.website,
            description: row.description,
            companySize: row.companySize,
            annualRevenue: row.annualRevenue,
            foundedDate: row.foundedDate === null ? null : readDate(row.foundedDate).toISOString(),
            registrationNumber: row.registrationNumber,
            taxId: row.taxId,
          }
        : null,
    },
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.author,
      createdAt: readDate(n.createdAt).toISOString(),
      updatedAt: readDate(n.updatedAt).toISOString(),
    })),
    leads: leads.map((l) => ({ ...l, leadDate: readDate(l.leadDate).toISOString() })),
    links,
  };
}
