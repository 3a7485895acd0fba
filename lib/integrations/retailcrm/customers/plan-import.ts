// The decisions of saving a batch of retailCRM customers, as pure functions: which are new
// contacts, which join an existing contact (the contact rules' match, among contacts of
// their kind not linked to retailCRM yet), which linked contacts changed, and which are
// unchanged. import-customers.ts surrounds them with a few bulk queries.
import "server-only";
import { orderedId } from "@/lib/db/ids";
import type { ContactNames, NewContact } from "@/lib/db/contact-batches";
import type { StoredChannels } from "@/lib/db/contact-channel-batches";
import { type ChannelMerge, appendMerge, mergeIsEmpty, planChannelMerge } from "@/lib/db/contact-channel-merge";
import type { NewRef, StoredRef } from "@/lib/db/external-ref-batches";
import { type Candidates, chooseMatch, matchKeysOf, normalizeContact } from "@/lib/contacts/contact-rules";
import type { MappedCustomer } from "./map";

export type CustomerPlan = {
  created: NewContact[];
  /** existing contacts whose names change (linked ones retailCRM changed, and newly matched ones) */
  renamed: NewContact[];
  channels: ChannelMerge;
  newRefs: NewRef[];
  counts: { created: number; updated: number; unchanged: number; linked: number };
};

/** The last copy of each customer (a batch may read one twice while the list shifts). */
export function lastCopyById(customers: readonly MappedCustomer[]): MappedCustomer[] {
  return [...new Map(customers.map((c) => [c.externalId, c])).values()];
}

/**
 * `stored`: the links this batch's customers have already; `current`: the names and
 * channels of every contact they are linked to; `candidates`: the match candidates
 * (findMatchCandidates) of those not linked.
 */
export function planCustomerImport(
  batch: readonly MappedCustomer[],
  stored: ReadonlyMap<string, StoredRef>,
  current: { names: ReadonlyMap<string, ContactNames>; channels: StoredChannels },
  candidates: Candidates,
  newId: () => string = orderedId,
): CustomerPlan {
  const plan: CustomerPlan = {
    created: [],
    renamed: [],
    channels: { emails: [], phones: [], primaryEmails: [], primaryPhones: [] },
    newRefs: [],
    counts: { created: 0, updated: 0, unchanged: 0, linked: 0 },
  };
  const claimed = new Set<string>();
  for (const customer of lastCopyById(batch)) {
    const { input } = customer;
    const ref = stored.get(customer.externalId);
    if (ref) {
      const contact = { id: ref.contactId, input };
      const merge = planChannelMerge([contact], current.channels, newId);
      const renamed = !sameNames(current.names.get(ref.contactId), input);
      if (!renamed && mergeIsEmpty(merge)) {
        plan.counts.unchanged++;
        continue;
      }
      if (renamed) plan.renamed.push(contact);
      appendMerge(plan.channels, merge);
      plan.counts.updated++;
      continue;
    }
    const link = { externalId: customer.externalId, url: customer.url, sourceUpdatedAt: null };
    const matched = chooseMatch(matchKeysOf(input), candidates, (id) => !claimed.has(id));
    if (matched) {
      claimed.add(matched);
      const contact = { id: matched, input };
      plan.renamed.push(contact);
      appendMerge(plan.channels, planChannelMerge([contact], current.channels, newId));
      plan.newRefs.push({ contactId: matched, ...link });
      plan.counts.updated++;
      plan.counts.linked++;
      continue;
    }
    const id = newId();
    plan.created.push({ id, input });
    plan.newRefs.push({ contactId: id, ...link });
    plan.counts.created++;
  }
  return plan;
}

function sameNames(names: ContactNames | undefined, input: NewContact["input"]): boolean {
  if (!names) return false;
  const wanted = normalizeContact(input);
  return (
    names.kind === wanted.kind &&
    names.displayName === wanted.displayName &&
    names.firstName === wanted.firstName &&
    names.lastName === wanted.lastName
  );
}
