// From a Housing.com lead to what CRM Bridge stores: the lead's identity, and the person it
// belongs to as contact input (stored and matched by the contact rules,
// lib/contacts/contact-rules.ts).
import { phoneDigits, splitName } from "@/lib/contacts/normalize";
import type { ContactInput } from "@/lib/db/contacts";
import type { HousingLead } from "@/lib/integrations/housing/schemas";

/** (project_id, phone digits, lead_date in seconds): the same lead pulled twice has the same key. */
export function leadIdentityKey(lead: HousingLead): string {
  return `${lead.projectId}|${phoneDigits(lead.phone ?? "")}|${lead.leadSeconds}`;
}

/** The person a lead is from: name split into first and last, its phone and email (both primary). */
export function personFromLead(lead: HousingLead): ContactInput {
  const { firstName, lastName } = splitName(lead.name ?? "");
  return {
    kind: "person",
    firstName,
    lastName,
    emails: lead.email ? [{ email: lead.email, isPrimary: true }] : [],
    phones: lead.phone ? [{ phone: lead.phone, isPrimary: true }] : [],
  };
}

export function leadDate(lead: HousingLead): Date {
  return new Date(lead.leadSeconds * 1000);
}
