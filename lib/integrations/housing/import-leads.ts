// Saving one window of Housing.com leads. The decisions are a pure function
// (planLeadImport): which leads are new, which changed, which are duplicates, and which
// contact each new lead belongs to. importLeads surrounds it with a handful of bulk
// queries, so a window of thousands of leads costs a few round trips, not thousands.
import "server-only";
import { orderedId } from "@/lib/db/ids";
import type { Counts, SaveContext } from "@/lib/connectors/types";
import {
  findContactIdsByEmails,
  findContactIdsByPhoneDigits,
  insertPeople,
  type NewPerson,
} from "@/lib/db/contact-batches";
import {
  findLeadsByIdentity,
  insertLeads,
  updateLeadsFromSource,
  type NewLead,
  type StoredLeadRef,
} from "@/lib/db/leads";
import type { HousingLead } from "@/lib/integrations/housing/schemas";
import { leadDate, leadIdentityKey, leadMatchKeys, personFromLead } from "@/lib/integrations/housing/mapping";

export type LeadImportPlan = {
  newPeople: NewPerson[];
  newLeads: NewLead[];
  changedLeads: { id: string; lead: HousingLead }[];
  /** seen before with the same content, or repeated within this window */
  duplicates: number;
  /** new leads linked to a contact that existed before this window */
  matchedContacts: number;
};

export type ExistingContacts = { byPhone: Map<string, string>; byEmail: Map<string, string> };

/**
 * Decides what one window's leads change. A lead is matched to a contact by phone digits,
 * then by email; leads of the same window sharing a phone or an email share one new person.
 */
export function planLeadImport(
  leads: HousingLead[],
  stored: Map<string, StoredLeadRef>,
  existing: ExistingContacts,
  newId: () => string = orderedId,
): LeadImportPlan {
  const byPhone = new Map(existing.byPhone);
  const byEmail = new Map(existing.byEmail);
  const plan: LeadImportPlan = { newPeople: [], newLeads: [], changedLeads: [], duplicates: 0, matchedContacts: 0 };
  const seen = new Set<string>();
  const created = new Set<string>();
  for (const lead of leads) {
    const identityKey = leadIdentityKey(lead);
    if (seen.has(identityKey)) {
      plan.duplicates++;
      continue;
    }
    seen.add(identityKey);
    const prior = stored.get(identityKey);
    if (prior) {
      if (prior.raw === lead.raw) plan.duplicates++;
      else plan.changedLeads.push({ id: prior.id, lead });
      continue;
    }
    const { digits, email } = leadMatchKeys(lead);
    let contactId = (digits && byPhone.get(digits)) || (email && byEmail.get(email)) || null;
    if (contactId === null) {
      const person = { id: newId(), ...personFromLead(lead) };
      plan.newPeople.push(person);
      created.add(person.id);
      contactId = person.id;
    } else if (!created.has(contactId)) {
      plan.matchedContacts++;
    }
    if (digits && !byPhone.has(digits)) byPhone.set(digits, contactId);
    if (email && !byEmail.has(email)) byEmail.set(email, contactId);
    plan.newLeads.push({ id: newId(), source: "housing", identityKey, contactId, ...leadFields(lead) });
  }
  return plan;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

function leadFields(lead: HousingLead) {
  return {
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    projectId: lead.projectId,
    projectName: lead.projectName,
    locality: lead.locality,
    leadDate: leadDate(lead),
    raw: lead.raw,
  };
}

/** Saves a window's leads (or, on a dry run, only counts what saving would do). */
export async function importLeads({ tx, dryRun }: SaveContext, leads: HousingLead[]): Promise<Counts> {
  const stored = await findLeadsByIdentity(tx, "housing", [...new Set(leads.map(leadIdentityKey))]);
  const fresh = leads.filter((lead) => !stored.has(leadIdentityKey(lead)));
  const keys = fresh.map(leadMatchKeys);
  // One after the other: a transaction is one connection.
  const byPhone = await findContactIdsByPhoneDigits(tx, unique(keys.map((k) => k.digits)));
  const byEmail = await findContactIdsByEmails(tx, unique(keys.map((k) => k.email)));
  const plan = planLeadImport(leads, stored, { byPhone, byEmail });
  if (!dryRun) {
    const now = new Date();
    await insertPeople(tx, plan.newPeople, now);
    await insertLeads(tx, plan.newLeads, now);
    await updateLeadsFromSource(
      tx,
      plan.changedLeads.map(({ id, lead }) => ({ id, lead: leadFields(lead) })),
      now,
    );
  }
  return {
    created: plan.newLeads.length,
    updated: plan.changedLeads.length,
    skipped: plan.duplicates,
    contactsCreated: plan.newPeople.length,
    contactsMatched: plan.matchedContacts,
  };
}
