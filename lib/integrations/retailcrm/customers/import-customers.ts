// Saving a batch of retailCRM customers inside the framework's transaction, and removing
// the links of customers that are gone (deleted, merged into another, or no longer
// listed): the contact and its notes stay, only the reference to retailCRM goes. The
// decisions are pure (plan-import.ts); around them, a handful of bulk queries per batch.
import "server-only";
import type { Counts, SaveContext } from "@/lib/connectors/types";
import { findContactNames, findMatchCandidates } from "@/lib/db/contact-batches";
import { findChannelsOfContacts } from "@/lib/db/contact-channel-batches";
import { writeContactPlan } from "@/lib/db/contact-plan-writes";
import { deleteExternalRefs, findExternalRefs } from "@/lib/db/external-ref-batches";
import { matchKeysOf } from "@/lib/contacts/contact-rules";
import type { MappedCustomer } from "./map";
import { planCustomerImport } from "./plan-import";

const system = "retailcrm";

export type CustomerBatch = {
  customers: MappedCustomer[];
  /** references (externalId) of customers that are gone */
  gone: string[];
  invalid: number;
};

/** Saves the batch; on a dry run only counts what saving would do. */
export async function importCustomers({ tx, dryRun }: SaveContext, batch: CustomerBatch): Promise<Counts> {
  // One statement after the other: a transaction is one connection.
  const refs = [...new Set(batch.customers.map((c) => c.externalId))];
  const stored = await findExternalRefs(tx, system, refs);
  const linkedContacts = [...new Set([...stored.values()].map((ref) => ref.contactId))];
  const keys = batch.customers.filter((c) => !stored.has(c.externalId)).map((c) => matchKeysOf(c.input));
  const candidates = await findMatchCandidates(tx, keys, { notLinkedTo: system });
  const matchable = [...new Set([...candidates.values()].map((c) => c.contactId))];
  const current = {
    names: await findContactNames(tx, linkedContacts),
    channels: await findChannelsOfContacts(tx, [...linkedContacts, ...matchable]),
  };
  const plan = planCustomerImport(batch.customers, stored, current, candidates);
  let removed = 0;
  if (dryRun) {
    removed = (await findExternalRefs(tx, system, batch.gone)).size;
  } else {
    await writeContactPlan(tx, system, plan, new Date());
    removed = await deleteExternalRefs(tx, system, batch.gone);
  }
  return { ...plan.counts, removed, invalid: batch.invalid };
}
