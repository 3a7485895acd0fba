// Contacts in bulk, for connectors importing thousands of records per unit of work:
// match many phone numbers or emails in one query, create or update many people and
// companies in a few statements. The one-at-a-time versions are in lib/db/contacts.ts.
import "server-only";
import type { SqlTx } from "@/lib/db/sql-session";
import { inJsonTexts, insertRows, param, selectByKeys, updateRows } from "@/lib/db/bulk-sql";
import { type ContactInput, type ExternalSystem, contactDisplayName } from "@/lib/db/contacts";
import { emailRows, insertEmailRows, insertPhoneRows, phoneRows } from "@/lib/db/contact-channel-batches";
import { foldText } from "@/lib/contacts/normalize";
import { textKey, unindexed } from "@/lib/db/index-plans";

export type MatchOptions = {
  /** only contacts not linked to this system yet (each of its records gets a contact of its own) */
  notLinkedTo?: ExternalSystem;
  /** keys come back as "<kind>|<key>": the oldest contact of each kind for each key */
  perKind?: boolean;
};

async function oldestContactByKey(
  tx: SqlTx,
  from: { table: string; column: string },
  keys: string[],
  options: MatchOptions,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const { engine } = tx;
  // The key's index, then the contact's kind and age and its links by its id
  // (lib/db/index-plans.ts). The links are read through ExternalRef_contactId_idx, the
  // system compared unindexed: a never-analyzed SQLite used the (system, externalId) index
  // instead and read every link of the system per candidate (2.5 s for 1,000 keys at
  // 100,000 contacts); a scalar subquery, because PostgreSQL turns NOT EXISTS into a join
  // it may plan the wrong way round.
  const contact = (name: string) => `(SELECT c."${name}" FROM "Contact" c WHERE c."id" = k."contactId")`;
  const key = `${options.perKind ? `${contact("kind")} || '|' || ` : ""}k."${from.column}"`;
  const unlinked = options.notLinkedTo
    ? `AND (SELECT 1 FROM "ExternalRef" r WHERE r."contactId" = k."contactId" AND ${unindexed(`r."system"`)} = ${param(engine, 2)} LIMIT 1) IS NULL`
    : "";
  const sql = `SELECT ${key} AS "key", k."contactId" AS "contactId" FROM "${from.table}" k
     WHERE ${textKey(engine, `k."${from.column}"`)} ${inJsonTexts(engine, 1)} ${unlinked} ORDER BY ${contact("createdAt")} ASC, k."contactId" ASC`;
  const extra = options.notLinkedTo ? [options.notLinkedTo] : [];
  for (const row of await selectByKeys(keys, (json) =>
    tx.query<{ key: string; contactId: string }>(sql, [json, ...extra]),
  )) {
    // Rows come oldest contact first: the first one seen for a key wins (a key is in one chunk only).
    if (!found.has(row.key)) found.set(row.key, row.contactId);
  }
  return found;
}

/** For each phone-digits key, the oldest contact having a phone with those digits. */
export function findContactIdsByPhoneDigits(
  tx: SqlTx,
  digits: string[],
  options: MatchOptions = {},
): Promise<Map<string, string>> {
  return oldestContactByKey(tx, { table: "ContactPhone", column: "digits" }, digits, options);
}

/** For each lower-cased email, the oldest contact having it. */
export function findContactIdsByEmails(
  tx: SqlTx,
  emails: string[],
  options: MatchOptions = {},
): Promise<Map<string, string>> {
  return oldestContactByKey(tx, { table: "ContactEmail", column: "emailLower" }, emails, options);
}

export type NewContact = { id: string; input: ContactInput };

/** The Contact row's own columns for an input (names; a company's name is its display name). */
function detailColumns(input: ContactInput) {
  const displayName = contactDisplayName(input);
  const person = input.kind === "person";
  return {
    kind: input.kind,
    displayName,
    // Kept in step with displayName: name search reads this column.
    searchName: foldText(displayName),
    firstName: person ? (input.firstName ?? null) : null,
    lastName: person ? (input.lastName ?? null) : null,
  };
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
  await insertRows(
    tx,
    "Contact",
    { ...detailTypes, createdAt: "timestamp" },
    contacts.map(({ id, input }) => ({ id, ...detailColumns(input), createdAt: now, updatedAt: now })),
  );
  await insertEmailRows(
    tx,
    contacts.flatMap(({ id, input }) => emailRows(id, input.emails ?? [])),
  );
  await insertPhoneRows(
    tx,
    contacts.flatMap(({ id, input }) => phoneRows(id, input.phones ?? [])),
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
    contacts.map(({ id, input }) => ({ id, ...detailColumns(input), updatedAt: now })),
  );
}

export type NewPerson = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  /** as given by the source; stored with its digits as the matching key */
  phone: string | null;
  email: string | null;
};

/** Creates people with at most one phone and one email each (both primary). */
export async function insertPeople(tx: SqlTx, people: NewPerson[], now: Date): Promise<void> {
  await insertContacts(
    tx,
    people.map((p) => ({
      id: p.id,
      input: {
        kind: "person",
        firstName: p.firstName,
        lastName: p.lastName,
        emails: p.email === null ? [] : [{ email: p.email, isPrimary: true }],
        phones: p.phone === null ? [] : [{ phone: p.phone, isPrimary: true }],
      },
    })),
    now,
  );
}
