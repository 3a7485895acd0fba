// The decisions of a CRM.COM import, as pure functions: which contacts of a page are new,
// which changed, which are unchanged, which existing CRM Bridge contact each new one is
// matched to; and, for contacts brought in step, which emails and phones to add and which
// one becomes primary (lib/db/contact-channel-merge.ts). lib/integrations/crmcom/import-contacts.ts
// surrounds them with a few bulk queries.
import "server-only";
import { orderedId } from "@/lib/db/ids";
import type { NewContact } from "@/lib/db/contact-batches";
import type { NewRef, StoredRef } from "@/lib/db/external-ref-batches";
import { type Candidates, chooseMatch, matchKeysOf } from "@/lib/contacts/contact-rules";
import { crmcomToContactInput } from "@/lib/integrations/crmcom/map";
import type { CrmcomContact } from "@/lib/integrations/crmcom/schema";

export type ImportPlan = {
  created: NewContact[];
  /** existing contacts brought in step: linked ones CRM.COM updated since, and newly matched ones */
  changed: NewContact[];
  newRefs: NewRef[];
  refTimes: { id: string; sourceUpdatedAt: Date }[];
  counts: { created: number; updated: number; unchanged: number; linked: number };
};

/** The newest copy of each contact id (a page may hold one twice); how many older copies were dropped. */
export function newestById(contacts: readonly CrmcomContact[]): { contacts: CrmcomContact[]; dropped: number } {
  const byId = new Map<string, CrmcomContact>();
  for (const contact of contacts) {
    const seen = byId.get(contact.id);
    if (!seen || contact.updated_date.getTime() >= seen.updated_date.getTime()) byId.set(contact.id, contact);
  }
  return { contacts: [...byId.values()], dropped: contacts.length - byId.size };
}

/**
 * Decides what a page changes. A contact linked already is updated when CRM.COM's update
 * time is newer than the one stored, else unchanged. One not linked is matched by the
 * contact rules (lib/contacts/contact-rules.ts) among the contacts not linked to CRM.COM
 * (`candidates`) and not claimed by another contact of this page, and gets the link and
 * CRM.COM's details; else it is created.
 */
export function planContactImport(
  page: readonly CrmcomContact[],
  stored: Map<string, StoredRef>,
  candidates: Candidates,
  newId: () => string = orderedId,
): ImportPlan {
  const { contacts, dropped } = newestById(page);
  const plan: ImportPlan = {
    created: [],
    changed: [],
    newRefs: [],
    refTimes: [],
    counts: { created: 0, updated: 0, unchanged: dropped, linked: 0 },
  };
  const claimed = new Set<string>();
  for (const contact of contacts) {
    const input = crmcomToContactInput(contact);
    const sourceUpdatedAt = contact.updated_date;
    const ref = stored.get(contact.id);
    if (ref) {
      if (ref.sourceUpdatedAt !== null && sourceUpdatedAt.getTime() <= ref.sourceUpdatedAt.getTime()) {
        plan.counts.unchanged++;
        continue;
      }
      plan.changed.push({ id: ref.contactId, input });
      plan.refTimes.push({ id: ref.id, sourceUpdatedAt });
      plan.counts.updated++;
      continue;
    }
    const matched = chooseMatch(matchKeysOf(input), candidates, (id) => !claimed.has(id));
    if (matched) {
      claimed.add(matched);
      plan.changed.push({ id: matched, input });
      plan.newRefs.push({ contactId: matched, externalId: contact.id, sourceUpdatedAt });
      plan.counts.updated++;
      plan.counts.linked++;
      continue;
    }
    const id = newId();
    claimed.add(id);
    plan.created.push({ id, input });
    plan.newRefs.push({ contactId: id, externalId: contact.id, sourceUpdatedAt });
    plan.counts.created++;
  }
  return plan;
}
