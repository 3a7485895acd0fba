// The emails and phones of many contacts at once, for connectors: read those of a page of
// contacts in one query each, add many in one statement, move the primary flag. Which
// emails and phones a contact gets, and which is primary, the contact rules decide
// (lib/contacts/contact-rules.ts).
import "server-only";
import { orderedId } from "@/lib/db/ids";
import { type SqlTx, inChunks, inJsonTexts, insertRows, jsonRowsTable, selectByKeys } from "@/lib/db/driver";
import { type EmailInput, type PhoneInput, normalizeEmails, normalizePhones } from "@/lib/contacts/contact-rules";

export type EmailRow = {
  id: string;
  contactId: string;
  email: string;
  emailLower: string;
  label: string | null;
  isPrimary: boolean;
};
export type PhoneRow = {
  id: string;
  contactId: string;
  phone: string;
  digits: string;
  type: string | null;
  isPrimary: boolean;
};

/** A contact's email rows, as the contact rules keep them (one per address, one primary). */
export function emailRows(contactId: string, emails: readonly EmailInput[], newId = orderedId): EmailRow[] {
  return normalizeEmails(emails).map((e) => ({ id: newId(), contactId, ...e }));
}

/** A contact's phone rows, as the contact rules keep them (one per number's digits, one primary). */
export function phoneRows(contactId: string, phones: readonly PhoneInput[], newId = orderedId): PhoneRow[] {
  return normalizePhones(phones).map((p) => ({ id: newId(), contactId, ...p }));
}

export async function insertEmailRows(tx: SqlTx, rows: EmailRow[]): Promise<void> {
  await insertRows(
    tx,
    "ContactEmail",
    { id: "text", contactId: "text", email: "text", emailLower: "text", label: "text", isPrimary: "boolean" },
    rows,
  );
}

export async function insertPhoneRows(tx: SqlTx, rows: PhoneRow[]): Promise<void> {
  await insertRows(
    tx,
    "ContactPhone",
    { id: "text", contactId: "text", phone: "text", digits: "text", type: "text", isPrimary: "boolean" },
    rows,
  );
}

export type StoredChannel = { key: string; isPrimary: boolean };
/** Per contact id: its emails (key: lower-cased) and phones (key: digits). */
export type StoredChannels = { emails: Map<string, StoredChannel[]>; phones: Map<string, StoredChannel[]> };

// SQLite hands booleans back as 0/1.
const flag = (value: unknown) => value === true || value === 1 || value === 1n || value === "1" || value === "true";

async function channelsOf(tx: SqlTx, table: string, column: string, contactIds: string[]) {
  const sql = `SELECT "contactId", "${column}" AS "key", "isPrimary" FROM "${table}" WHERE "contactId" ${inJsonTexts(tx.engine, 1)} ORDER BY "id"`;
  const rows = await selectByKeys(contactIds, (json) =>
    tx.query<{ contactId: string; key: string; isPrimary: unknown }>(sql, [json]),
  );
  const byContact = new Map<string, StoredChannel[]>();
  for (const row of rows) {
    const list = byContact.get(row.contactId) ?? [];
    list.push({ key: row.key, isPrimary: flag(row.isPrimary) });
    byContact.set(row.contactId, list);
  }
  return byContact;
}

/** The emails and phones the given contacts have now. */
export async function findChannelsOfContacts(tx: SqlTx, contactIds: string[]): Promise<StoredChannels> {
  if (contactIds.length === 0) return { emails: new Map(), phones: new Map() };
  return {
    emails: await channelsOf(tx, "ContactEmail", "emailLower", contactIds),
    phones: await channelsOf(tx, "ContactPhone", "digits", contactIds),
  };
}

/** Makes `key` the one primary email (lower-cased) / phone (digits) of each listed contact. */
async function setPrimary(tx: SqlTx, table: string, column: string, rows: { contactId: string; key: string }[]) {
  if (rows.length === 0) return;
  const columns = { contactId: "text", key: "text" } as const;
  const sql = `UPDATE "${table}" SET "isPrimary" = ("${table}"."${column}" = v."key")
    FROM ${jsonRowsTable(tx.engine, 1, columns)} WHERE "${table}"."contactId" = v."contactId"`;
  await inChunks(tx, sql, columns, rows);
}

export function setPrimaryEmails(tx: SqlTx, rows: { contactId: string; key: string }[]): Promise<void> {
  return setPrimary(tx, "ContactEmail", "emailLower", rows);
}

export function setPrimaryPhones(tx: SqlTx, rows: { contactId: string; key: string }[]): Promise<void> {
  return setPrimary(tx, "ContactPhone", "digits", rows);
}
