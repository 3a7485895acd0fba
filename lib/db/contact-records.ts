// A whole contact as the contact view shows it: details, notes, leads and links. On the
// hot path of every widget and iframe view, so it reads through the driver (lib/db/driver):
// one statement per part, run together.
import "server-only";
import { type Sql, sql as defaultSql } from "@/lib/db/driver";
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
  foundedDate: Date | null;
  registrationNumber: string | null;
  taxId: string | null;
  companyName: string | null;
};
type MethodRow = { value: string; label: string | null; isPrimary: boolean };
type AddressRow = Address;
type NoteRow = { id: string; body: string; author: string | null; createdAt: Date; updatedAt: Date };
type LeadRow = {
  id: string;
  source: string;
  projectName: string | null;
  locality: string | null;
  leadDate: Date;
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
    sql.query<ContactRow>(contactQuery, [id], { foundedDate: "date" }),
    sql.query<MethodRow>(emailsQuery, [id], { isPrimary: "boolean" }),
    sql.query<MethodRow>(phonesQuery, [id], { isPrimary: "boolean" }),
    sql.query<AddressRow>(addressesQuery, [id], { isPrimary: "boolean" }),
    sql.query<LinkRow>(linksQuery, [id]),
    sql.query<NoteRow>(notesQuery, [id], { createdAt: "date", updatedAt: "date" }),
    sql.query<LeadRow>(leadsQuery, [id], { leadDate: "date" }),
  ]);
  if (!row) return null;
  const isCompany = row.kind === "company";

  return {
    id: row.id,
    card: {
      kind: isCompany ? "company" : "person",
      name: row.displayName,
      stage: row.stage,
      companyName: row.companyName,
      emails,
      phones,
      addresses,
      company: isCompany
        ? {
            industry: row.industry,
            website: row.website,
            description: row.description,
            companySize: row.companySize,
            annualRevenue: row.annualRevenue,
            foundedDate: row.foundedDate?.toISOString() ?? null,
            registrationNumber: row.registrationNumber,
            taxId: row.taxId,
          }
        : null,
    },
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.author,
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    })),
    leads: leads.map((l) => ({ ...l, leadDate: l.leadDate.toISOString() })),
    links,
  };
}
