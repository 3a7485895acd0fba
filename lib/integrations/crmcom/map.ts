// A CRM.COM contact as CRM Bridge contact input: a PERSON with first and last name, a
// COMPANY by its company name; its email primary; exactly one primary phone (the one
// CRM.COM marks, else the first).
import type { ContactInput } from "@/lib/db/contacts";
import type { CrmcomContact } from "./schema";

export function crmcomToContactInput(contact: CrmcomContact): ContactInput {
  const given = contact.phones ?? [];
  const primary = Math.max(
    0,
    given.findIndex((p) => p.is_primary === true),
  );
  const phones = given.map((p, i) => ({
    phone: p.number,
    type: p.phone_type?.toLowerCase() ?? null,
    isPrimary: i === primary,
  }));
  const emails = contact.email_address ? [{ email: contact.email_address, isPrimary: true }] : [];
  const externalRefs = [{ system: "crmcom" as const, externalId: contact.id, sourceUpdatedAt: contact.updated_date }];
  return contact.contact_type === "COMPANY"
    ? { kind: "company", name: contact.company_name, emails, phones, externalRefs }
    : {
        kind: "person",
        firstName: contact.first_name ?? null,
        lastName: contact.last_name ?? null,
        emails,
        phones,
        externalRefs,
      };
}
