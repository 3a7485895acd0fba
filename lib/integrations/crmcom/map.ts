// A CRM.COM contact as CRM Bridge contact input.
import type { ContactInput } from "@/lib/db/contacts";
import type { CrmcomContact } from "./schema";

export function crmcomToContactInput(contact: CrmcomContact): ContactInput {
  const phones = (contact.phones ?? []).map((p) => ({ phone: p.number, type: p.phone_type?.toLowerCase() ?? null, isPrimary: p.is_primary ?? false }));
  const emails = contact.email_address ? [{ email: contact.email_address, isPrimary: true }] : [];
  const externalRefs = [{ system: "crmcom" as const, externalId: contact.id, sourceUpdatedAt: contact.updated_date }];
  return contact.contact_type === "COMPANY"
    ? { kind: "company", name: contact.company_name, emails, phones, externalRefs }
    : { kind: "person", firstName: contact.first_name ?? null, lastName: contact.last_name ?? null, emails, phones, externalRefs };
}
