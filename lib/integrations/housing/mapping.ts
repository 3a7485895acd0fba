// From a Housing.com lead to what CRM Bridge stores: the lead's identity, the keys it
// is matched to contacts by, and the person created when no contact matches.
import { normalizeEmail, phoneDigits, splitName } from "@/lib/contacts/normalize";
import type { HousingLead } from "@/lib/integrations/housing/schemas";

/** (project_id, phone digits, lead_date in seconds): the same lead pulled twice has the same key. */
export function leadIdentityKey(lead: HousingLead): string {
  return `${lead.projectId}|${phoneDigits(lead.phone ?? "")}|${lead.leadSeconds}`;
}

const plausibleEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The contact-matching keys of a lead: phone digits and lower-cased email (null when absent or unusable). */
export function leadMatchKeys(lead: HousingLead): { digits: string | null; email: string | null } {
  const digits = phoneDigits(lead.phone ?? "");
  const email = lead.email && plausibleEmail.test(lead.email) ? normalizeEmail(lead.email) : null;
  return { digits: digits || null, email };
}

export type PersonFromLead = {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
};

/** The new person for a lead that matches no contact: name split into first and last. */
export function personFromLead(lead: HousingLead): PersonFromLead {
  const { firstName, lastName } = splitName(lead.name ?? "");
  const { digits, email } = leadMatchKeys(lead);
  return {
    firstName,
    lastName,
    phone: digits ? lead.phone : null,
    email: email ? lead.email!.trim() : null,
  };
}

export function leadDate(lead: HousingLead): Date {
  return new Date(lead.leadSeconds * 1000);
}
