// A whole contact as the contact view shows it: details, notes, leads and links.
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { CrmRecord } from "@/lib/contacts/view-model";

/** Notes and leads shown in a view; the admin pages page through the rest. */
const shownItems = 50;

export async function loadContactRecord(id: string, client: Db = db()): Promise<CrmRecord | null> {
  const row = await client.contact.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      displayName: true,
      stage: true,
      industry: true,
      website: true,
      description: true,
      companySize: true,
      annualRevenue: true,
      foundedDate: true,
      registrationNumber: true,
      taxId: true,
      company: { select: { displayName: true } },
      emails: { select: { email: true, label: true, isPrimary: true }, orderBy: { id: "asc" } },
      phones: { select: { phone: true, type: true, isPrimary: true }, orderBy: { id: "asc" } },
      addresses: {
        select: { type: true, street: true, city: true, state: true, code: true, country: true, isPrimary: true },
        orderBy: { id: "asc" },
      },
      externalRefs: { select: { system: true, externalId: true, url: true }, orderBy: { createdAt: "asc" } },
      notes: {
        where: { deletedAt: null },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: shownItems,
        select: { id: true, body: true, createdAt: true, updatedAt: true, author: { select: { name: true, email: true } } },
      },
      leads: {
        orderBy: [{ leadDate: "desc" }, { id: "desc" }],
        take: shownItems,
        select: { id: true, source: true, projectName: true, locality: true, leadDate: true },
      },
    },
  });
  if (!row) return null;
  const isCompany = row.kind === "company";
  return {
    id: row.id,
    card: {
      kind: isCompany ? "company" : "person",
      name: row.displayName,
      stage: row.stage,
      companyName: row.company?.displayName ?? null,
      emails: row.emails.map((e) => ({ value: e.email, label: e.label, isPrimary: e.isPrimary })),
      phones: row.phones.map((p) => ({ value: p.phone, label: p.type, isPrimary: p.isPrimary })),
      addresses: row.addresses,
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
    notes: row.notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.author ? (n.author.name ?? n.author.email) : null,
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    })),
    leads: row.leads.map((l) => ({ ...l, leadDate: l.leadDate.toISOString() })),
    links: row.externalRefs,
  };
}
