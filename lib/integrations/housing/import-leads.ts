// Saving one window of Housing.com leads. The decisions are a pure function
// (planLeadImport): which leads are new, which changed, which are duplicates, and which
// contact each new lead belongs to (by the contact rules, lib/contacts/contact-rules.ts). importLeads surrounds it with a handful of bulk
// queries, so a window of thousands of leads costs a few round trips, not thousands.
import "server-only";
import { orderedId } from "@/lib/db/ids";
import type { Counts, SaveContext } from "@/lib/connectors/types";
import { type NewContact, findMatchCandidates, insertContacts } from "@/lib/db/contact-batches";
import {
  type Candidates,
  type MatchCandidate,
  addBatchCandidate,
  chooseMatch,
  matchKeysOf,
} from "@/lib/contacts/contact-rules";
import {
  findLeadsByIdentity,
  insertLeads,
  updateLeadsFromSource,
  type NewLead,
  type StoredLeadRef,
} from "@/lib/db/leads";
import type { HousingLead } from "@/lib/integrations/housing/schemas";
import { leadDate, leadIdentityKey, personFromLead } from "@/lib/integrations/housing/mapping";

export type LeadImportPlan = {
  newPeople: NewContact[];
  newLeads: NewLead[];
  changedLeads: { id: string; lead: HousingLead }[];
  /** seen before with the same content, or repeated within this window */
  duplicates: number;
  /** new leads linked to a contact that existed before this window */
  matchedContacts: number;
};

/**
 * Decides what one window's leads change. A new lead belongs to the person the contact rules
 * match it to (a lead's email, else its phone), else to a new person; leads of the same window
 * sharing an email or a phone share one new person.
 */
export function planLeadImport(
  leads: HousingLead[],
  stored: Map<string, StoredLeadRef>,
  existing: Candidates,
  newId: () => string = orderedId,
): LeadImportPlan {
  const candidates = new Map<string, MatchCandidate>(existing);
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
    const input = personFromLead(lead);
    const keys = matchKeysOf(input);
    let contactId = chooseMatch(keys, candidates);
    if (contactId === null) {
      contactId = newId();
      plan.newPeople.push({ id: contactId, input });
      created.add(contactId);
    } else if (!created.has(contactId)) {
      plan.matchedContacts++;
    }
    addBatchCandidate(candidates, keys, contactId);
    plan.newLeads.push({ id: newId(), source: "housing", identityKey, contactId, ...leadFields(lead) });
  }
  return plan;
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
  const existing = await findMatchCandidates(
    tx,
    fresh.map((lead) => matchKeysOf(personFromLead(lead))),
  );
  const plan = planLeadImport(leads, stored, existing);
  if (!dryRun) {
    const now = new Date();
    await insertContacts(tx, plan.newPeople, now);
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
