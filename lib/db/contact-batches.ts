// Contacts in bulk, for connectors importing thousands of records per unit of work:
// match many phone numbers or emails in one query, create many people in a few
// statements. The one-at-a-time versions are in lib/db/contacts.ts.
import { orderedId } from "@/lib/db/ids";
import type { DbEngine } from "@/lib/db/client-url";
import type { Tx } from "@/lib/db/client";
import { insertRows, jsonTextSet, selectByKeys } from "@/lib/db/bulk-sql";
import { foldText, normalizeEmail, personDisplayName, phoneDigits } from "@/lib/contacts/normalize";

async function oldestContactByKey(tx: Tx, engine: DbEngine, sql: string, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  for (const chunk of await selectByKeys(keys, (json) => tx.$queryRawUnsafe<{ key: string; contactId: string }[]>(sql, json))) {
    // Rows come oldest contact first: the first one seen for a key wins (a key is in one chunk only).
    if (!found.has(chunk.key)) found.set(chunk.key, chunk.contactId);
  }
  return found;
}

/** For each phone-digits key, the oldest contact having a phone with those digits. */
export function findContactIdsByPhoneDigits(tx: Tx, engine: DbEngine, digits: string[]): Promise<Map<string, string>> {
  return oldestContactByKey(
    tx,
    engine,
    `SELECT p."digits" AS "key", p."contactId" AS "contactId" FROM "ContactPhone" p
     JOIN "Contact" c ON c."id" = p."contactId"
     WHERE p."digits" IN ${jsonTextSet(engine, 1)} ORDER BY c."createdAt" ASC, c."id" ASC`,
    digits,
  );
}

/** For each lower-cased email, the oldest contact having it. */
export function findContactIdsByEmails(tx: Tx, engine: DbEngine, emails: string[]): Promise<Map<string, string>> {
  return oldestContactByKey(
    tx,
    engine,
    `SELECT e."emailLower" AS "key", e."contactId" AS "contactId" FROM "ContactEmail" e
     JOIN "Contact" c ON c."id" = e."contactId"
     WHERE e."emailLower" IN ${jsonTextSet(engine, 1)} ORDER BY c."createdAt" ASC, c."id" ASC`,
    emails,
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
export async function insertPeople(tx: Tx, engine: DbEngine, people: NewPerson[], now: Date): Promise<void> {
  if (people.length === 0) return;
  await insertRows(
    tx,
    engine,
    "Contact",
    {
      id: "text",
      kind: "text",
      displayName: "text",
      searchName: "text",
      firstName: "text",
      lastName: "text",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
    people.map((person) => {
      const displayName = personDisplayName({
        firstName: person.firstName,
        lastName: person.lastName,
        fallback: person.email ?? person.phone,
      });
      return {
        id: person.id,
        kind: "person",
        displayName,
        searchName: foldText(displayName),
        firstName: person.firstName,
        lastName: person.lastName,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  const phones = people.filter((p) => p.phone !== null && phoneDigits(p.phone) !== "");
  await insertRows(
    tx,
    engine,
    "ContactPhone",
    { id: "text", contactId: "text", phone: "text", digits: "text", isPrimary: "boolean" },
    phones.map((p) => ({ id: orderedId(), contactId: p.id, phone: p.phone!.trim(), digits: phoneDigits(p.phone!), isPrimary: true })),
  );
  const emails = people.filter((p) => p.email !== null && normalizeEmail(p.email) !== "");
  await insertRows(
    tx,
    engine,
    "ContactEmail",
    { id: "text", contactId: "text", email: "text", emailLower: "text", isPrimary: "boolean" },
    emails.map((p) => ({ id: orderedId(), contactId: p.id, email: p.email!.trim(), emailLower: normalizeEmail(p.email!), isPrimary: true })),
  );
}
