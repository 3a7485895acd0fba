// The writes of a connector's batch of contacts, once its plan is made: new contacts, names
// of existing ones, the emails and phones they lack (and which is primary), and the links to
// the source. Every connector that imports contacts (CRM.COM, retailCRM) writes this way.
import "server-only";
import type { SqlTx } from "@/lib/db/driver";
import type { ExternalSystem } from "@/lib/db/contacts";
import { type NewContact, insertContacts, updateContactDetails } from "@/lib/db/contact-batches";
import { insertEmailRows, insertPhoneRows, setPrimaryEmails, setPrimaryPhones } from "@/lib/db/contact-channel-batches";
import type { ChannelMerge } from "@/lib/db/contact-channel-merge";
import { type NewRef, insertExternalRefs } from "@/lib/db/external-ref-batches";

export type ContactWrites = {
  created: NewContact[];
  /** existing contacts whose kind and names are set from their input */
  renamed: NewContact[];
  channels: ChannelMerge;
  newRefs: NewRef[];
};

export async function writeContactPlan(
  tx: SqlTx,
  system: ExternalSystem,
  plan: ContactWrites,
  now: Date,
): Promise<void> {
  // One statement after the other: a transaction is one connection.
  await insertContacts(tx, plan.created, now);
  await updateContactDetails(tx, plan.renamed, now);
  await insertEmailRows(tx, plan.channels.emails);
  await insertPhoneRows(tx, plan.channels.phones);
  await setPrimaryEmails(tx, plan.channels.primaryEmails);
  await setPrimaryPhones(tx, plan.channels.primaryPhones);
  await insertExternalRefs(tx, system, plan.newRefs, now);
}
