// Bringing existing contacts' emails and phones in step with a source (CRM.COM, retailCRM),
// as a pure plan for the bulk writes of lib/db/contact-channel-batches.ts: what the source
// has and the contact lacks is added, and the source's primary becomes the contact's.
import "server-only";
import { orderedId } from "@/lib/db/ids";
import type { NewContact } from "@/lib/db/contact-batches";
import {
  type EmailRow,
  type PhoneRow,
  type StoredChannels,
  emailRows,
  phoneRows,
} from "@/lib/db/contact-channel-batches";

export type ChannelMerge = {
  emails: EmailRow[];
  phones: PhoneRow[];
  /** contacts whose primary email / phone moves to `key` */
  primaryEmails: { contactId: string; key: string }[];
  primaryPhones: { contactId: string; key: string }[];
};

/**
 * Brings existing contacts' emails and phones in step with their source: what it has and
 * the contact lacks is added, and its primary becomes the contact's primary. Nothing
 * is removed: the contact may have them from elsewhere (a lead, an agent).
 */
export function planChannelMerge(
  changed: readonly NewContact[],
  stored: StoredChannels,
  newId: () => string = orderedId,
): ChannelMerge {
  const merge: ChannelMerge = { emails: [], phones: [], primaryEmails: [], primaryPhones: [] };
  for (const { id, input } of changed) {
    const emails = mergeRows(
      emailRows(id, input.emails ?? [], newId),
      (r) => r.emailLower,
      stored.emails.get(id) ?? [],
    );
    merge.emails.push(...emails.added);
    if (emails.primary) merge.primaryEmails.push({ contactId: id, key: emails.primary });
    const phones = mergeRows(phoneRows(id, input.phones ?? [], newId), (r) => r.digits, stored.phones.get(id) ?? []);
    merge.phones.push(...phones.added);
    if (phones.primary) merge.primaryPhones.push({ contactId: id, key: phones.primary });
  }
  return merge;
}

function mergeRows<Row extends { isPrimary: boolean }>(
  wanted: Row[],
  keyOf: (row: Row) => string,
  existing: { key: string; isPrimary: boolean }[],
): { added: Row[]; primary: string | null } {
  const have = new Set(existing.map((e) => e.key));
  const added = wanted.filter((row) => !have.has(keyOf(row)));
  const primaryRow = wanted.find((row) => row.isPrimary);
  const primary = primaryRow ? keyOf(primaryRow) : null;
  // Added rows carry their flag already; existing ones are set only when one is off.
  const off = primary !== null && existing.some((e) => e.isPrimary !== (e.key === primary));
  return { added, primary: off ? primary : null };
}

/** True when the merge writes nothing. */
export function mergeIsEmpty(merge: ChannelMerge): boolean {
  return merge.emails.length + merge.phones.length + merge.primaryEmails.length + merge.primaryPhones.length === 0;
}

/** Adds one merge's writes to another's (a plan made contact by contact). */
export function appendMerge(into: ChannelMerge, merge: ChannelMerge): void {
  into.emails.push(...merge.emails);
  into.phones.push(...merge.phones);
  into.primaryEmails.push(...merge.primaryEmails);
  into.primaryPhones.push(...merge.primaryPhones);
}
