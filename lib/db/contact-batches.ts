// Contacts in bulk, for connectors importing thousands of records per unit of work:
// match many phone numbers or emails in one query, create or update many people and
// companies in a few statements. The one-at-a-time versions are in lib/db/contacts.ts;
// both follow the contact rules (lib/contacts/contact-rules.ts).
import "server-only";
import { type SqlTx, inJsonTexts, insertRows, selectByKeys, updateRows } from "@/lib/db/driver";
import type { ContactInput, ExternalSystem } from "@/lib/db/contacts";
import { insertEmailRows, insertPhoneRows } from "@/lib/db/contact-channel-batches";
import { orderedId } from "@/lib/db/ids";
import {
  type ContactKind,
  type MatchCandidate,
  type MatchKeys,
  type MatchVia,
  type NormalizedContact,
  candidateKey,
  normalizeContact,
} from "@/lib/contacts/contact-rules";
import { textKey, unindexed } from "@/lib/db/index-plans";

export type MatchOptions = {
  /** only contacts not linked to this system yet (each of its records gets a contact of its own) */
  notLinkedTo?: ExternalSystem;
};

/** SQLite hands dates back as text, PostgreSQL as Date: either as milliseconds. */
const millis = (value: unknown) => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

async function oldestContactByKey(
  tx: SqlTx,
  via: MatchVia,
  keys: string[],
  options: MatchOptions,
): Promise<Map<string, MatchCandidate>> {
  const found = new Map<string, MatchCandidate>();
  if (keys.length === 0) return found;
  const { engine } = tx;
  const from =
    via === "email" ? { table: "ContactEmail", column: "emailLower" } : { table: "ContactPhone", column: "digits" };
  // The key's index, then the contact's kind and age and its links by its id
  // (lib/db/index-plans.ts). The links are read through ExternalRef_contactId_idx, the
  // system compared unindexed: a never-analyzed SQLite used the (system, externalId) index
  // instead and read every link of the system per candidate (2.5 s for 1,000 keys at
  // 100,000 contacts); a scalar subquery, because PostgreSQL turns NOT EXISTS into a join
  // it may plan the wrong way round.
  const contact = (name: string) => `(SELECT c."${name}" FROM "Contact" c WHERE c."id" = k."contactId")`;
  const unlinked = options.notLinkedTo
    ? `AND (SELECT 1 FROM "ExternalRef" r WHERE r."contactId" = k."contactId" AND ${unindexed(`r."system"`)} = $2 LIMIT 1) IS NULL`
    : "";
  const sql = `SELECT ${contact("kind")} AS "kind", k."${from.column}" AS "key", k."contactId" AS "contactId", ${contact("createdAt")} AS "createdAt" FROM "${from.table}" k
     WHERE ${textKey(engine, `k."${from.column}"`)} ${inJsonTexts(engine, 1)} ${unlinked} ORDER BY ${contact("createdAt")} ASC, k."contactId" ASC`;
  const extra = options.notLinkedTo ? [options.notLinkedTo] : [];
  for (const row of await selectByKeys(keys, (json) =>
    tx.query<{ kind: ContactKind; key: string; contactId: string; createdAt: unknown }>(sql, [json, ...extra]),
  )) {
    // Rows come oldest contact first: the first one seen for a key wins (a key is in one chunk only).
    const at = candidateKey(row.kind, via, row.key);
    if (!found.has(at)) found.set(at, { contactId: row.contactId, createdAt: millis(row.createdAt) });
  }
  return found;
}

/** For each phone-digits key, the oldest contact of each kind having a phone with those digits (candidateKey). */
export function findContactIdsByPhoneDigits(
  tx: SqlTx,
  digits: string[],
  options: MatchOptions = {},
): Promise<Map<string, MatchCandidate>> {
  return oldestContactByKey(tx, "phone", digits, options);
}

/** For each lower-cased email, the oldest contact of each kind having it (candidateKey). */
export function findContactIdsByEmails(
  tx: SqlTx,
  emails: string[],
  options: MatchOptions = {},
): Promise<Map<string, MatchCandidate>> {
  return oldestContactByKey(tx, "email", emails, options);
}

/** The candidates of the contact rules (chooseMatch) for these records' keys: two queries, whatever their number. */
export async function findMatchCandidates(
  tx: SqlTx,
  keys: readonly MatchKeys[],
  options: MatchOptions = {},
): Promise<Map<string, MatchCandidate>> {
  // One after the other: a transaction is one connection.
  const byEmail = await findContactIdsByEmails(tx, [...new Set(keys.flatMap((k) => k.emails))], options);
  const byPhone = await findContactIdsByPhoneDigits(tx, [...new Set(keys.flatMap((k) => k.digits))], options);
  return new Map([...byEmail, ...byPhone]);
}

export type NewContact = { id: string; input: ContactInput };

/** The Contact row's own columns of a contact (names; a company's name is its display name). */
function detailsOf({ kind, displayName, searchName, firstName, lastName }: NormalizedContact) {
  return { kind, displayName, searchName, firstName, lastName };
}

const detailTypes = {
  id: "text",
  kind: "text",
  displayName: "text",
  searchName: "text",
  firstName: "text",
  lastName: "text",
  updatedAt: "timestamp",
} as const;

/** Creates people and companies with their emails and phones (addresses and links are not bulk-created). */
export async function insertContacts(tx: SqlTx, contacts: NewContact[], now: Date): Promise<void> {
  if (contacts.length === 0) return;
  // Normalized once per contact: for every row of all three tables.
  const normalized = contacts.map(({ id, input }) => ({ id, contact: normalizeContact(input) }));
  await insertRows(
    tx,
    "Contact",
    { ...detailTypes, createdAt: "timestamp" },
    normalized.map(({ id, contact }) => ({ id, ...detailsOf(contact), createdAt: now, updatedAt: now })),
  );
  await insertEmailRows(
    tx,
    normalized.flatMap(({ id, contact }) => contact.emails.map((e) => ({ id: orderedId(), contactId: id, ...e }))),
  );
  await insertPhoneRows(
    tx,
    normalized.flatMap(({ id, contact }) => contact.phones.map((p) => ({ id: orderedId(), contactId: id, ...p }))),
  );
}

/**
 * Sets the kind and names of existing contacts (display and search name with them) from
 * their inputs. Emails and phones are merged separately (lib/db/contact-channel-batches.ts).
 */
export async function updateContactDetails(tx: SqlTx, contacts: NewContact[], now: Date): Promise<void> {
  await updateRows(
    tx,
    "Contact",
    "id",
    detailTypes,
    contacts.map(({ id, input }) => ({ id, ...detailsOf(normalizeContact(input)), updatedAt: now })),
  );
}

export type ContactNames = Pick<NormalizedContact, "kind" | "displayName" | "firstName" | "lastName">;

/** The kind and names contacts have now, by id: what an import compares before it writes. */
export async function findContactNames(tx: SqlTx, ids: string[]): Promise<Map<string, ContactNames>> {
  const sql = `SELECT "id", "kind", "displayName", "firstName", "lastName" FROM "Contact" WHERE "id" ${inJsonTexts(tx.engine, 1)}`;
  const rows = await selectByKeys(ids, (json) => tx.query<ContactNames & { id: string }>(sql, [json]));
  return new Map(rows.map(({ id, ...names }) => [id, names]));
}
