// Saving one page of CRM.COM contacts inside the framework's transaction: the decisions
// are pure (plan-import.ts); around them, a handful of bulk queries per page, whatever its
// size: the links already stored, the matching contacts, then the writes.
import "server-only";
import type { Counts, SaveContext } from "@/lib/connectors/types";
import { findMatchCandidates } from "@/lib/db/contact-batches";
import { findChannelsOfContacts } from "@/lib/db/contact-channel-batches";
import { writeContactPlan } from "@/lib/db/contact-plan-writes";
import { findExternalRefs, updateExternalRefSourceTimes } from "@/lib/db/external-ref-batches";
import { crmcomToContactInput } from "@/lib/integrations/crmcom/map";
import { planContactImport } from "@/lib/integrations/crmcom/plan-import";
import { planChannelMerge } from "@/lib/db/contact-channel-merge";
import { matchKeysOf } from "@/lib/contacts/contact-rules";
import type { CrmcomContact } from "@/lib/integrations/crmcom/schema";

const system = "crmcom";

/** Saves a page's valid contacts (on a dry run only counts what saving would do); `invalid` is passed through to the counts. */
export async function importContacts(
  { tx, dryRun }: SaveContext,
  contacts: CrmcomContact[],
  invalid: number,
): Promise<Counts> {
  // One statement after the other: a transaction is one connection.
  const stored = await findExternalRefs(tx, system, [...new Set(contacts.map((c) => c.id))]);
  const keys = contacts.filter((c) => !stored.has(c.id)).map((c) => matchKeysOf(crmcomToContactInput(c)));
  const candidates = await findMatchCandidates(tx, keys, { notLinkedTo: system });
  const plan = planContactImport(contacts, stored, candidates);
  if (!dryRun) {
    const now = new Date();
    const changed = plan.changed.map((c) => c.id);
    const channels = planChannelMerge(plan.changed, await findChannelsOfContacts(tx, changed));
    await writeContactPlan(
      tx,
      system,
      { created: plan.created, renamed: plan.changed, channels, newRefs: plan.newRefs },
      now,
    );
    await updateExternalRefSourceTimes(tx, plan.refTimes, now);
  }
  return { ...plan.counts, invalid };
}
