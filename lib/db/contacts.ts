// Contacts: people and companies with their emails, phones, addresses and links to
// other systems. What is stored and how a contact is matched follow the contact rules
// (lib/contacts/contact-rules.ts), as on the bulk paths (lib/db/contact-batches.ts).
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { type Sql, sql as defaultSql } from "@/lib/db/driver";
import { inJsonKeys, textKey } from "@/lib/db/index-plans";
import {
  type ContactIdentityInput,
  type ContactKind,
  findMatch,
  matchKeysOfValues,
  normalizeContact,
} from "@/lib/contacts/contact-rules";

export type { ContactKind };
/** Every system a contact can be linked to. "demo" marks the demo data of `npm run demo`. */
export type ExternalSystem = "suresend" | "socialsignin" | "retailcrm" | "housing" | "crmcom" | "demo";

export type ContactInput = ContactIdentityInput & {
  stage?: string | null;
  companyId?: string | null;
  industry?: string | null;
  website?: string | null;
  description?: string | null;
  companySize?: string | null;
  annualRevenue?: number | null;
  foundedDate?: Date | null;
  registrationNumber?: string | null;
  taxId?: string | null;
  addresses?: {
    type?: string | null;
    street?: string | null;
    city?: string | null;
    state?: string | null;
    code?: string | null;
    country?: string | null;
    isPrimary?: boolean;
  }[];
  externalRefs?: { system: ExternalSystem; externalId: string; url?: string | null; sourceUpdatedAt?: Date | null }[];
};

export function contactDisplayName(input: ContactIdentityInput): string {
  return normalizeContact(input).displayName;
}

export async function createContact(input: ContactInput, client: Db = db()) {
  const contact = normalizeContact(input);
  return client.contact.create({
    data: {
      kind: contact.kind,
      displayName: contact.displayName,
      searchName: contact.searchName,
      firstName: contact.firstName,
      lastName: contact.lastName,
      stage: input.stage ?? null,
      companyId: input.companyId ?? null,
      industry: input.industry ?? null,
      website: input.website ?? null,
      description: input.description ?? null,
      companySize: input.companySize ?? null,
      annualRevenue: input.annualRevenue ?? null,
      foundedDate: input.foundedDate ?? null,
      registrationNumber: input.registrationNumber ?? null,
      taxId: input.taxId ?? null,
      emails: { create: contact.emails },
      phones: { create: contact.phones },
      addresses: { create: (input.addresses ?? []).map((a) => ({ ...a, isPrimary: a.isPrimary ?? false })) },
      externalRefs: { create: input.externalRefs ?? [] },
    },
    select: { id: true, displayName: true },
  });
}

/** The contact linked to this record of another system. */
export async function findContactIdByExternalRef(
  system: ExternalSystem,
  externalId: string,
  sql: Sql = defaultSql(),
): Promise<string | null> {
  const [ref] = await sql.query<{ contactId: string }>(
    `SELECT "contactId" FROM "ExternalRef" WHERE "system" = $1 AND "externalId" = $2`,
    [system, externalId],
  );
  return ref?.contactId ?? null;
}

/**
 * The oldest contact of `kind` having one of `keys` in `table`: the key's index, then the
 * contact's kind and age by its id (lib/db/index-plans.ts). Joined to Contact instead,
 * a never-analyzed database had SQLite walk every contact of the kind (80 % of them)
 * through Contact_kind_searchName_idx, and PostgreSQL sort them all hoping that LIMIT 1
 * would stop early: 36 ms and 100 ms per lookup at 100,000 contacts.
 */
async function oldestContactOfKind(
  sql: Sql,
  table: "ContactEmail" | "ContactPhone",
  column: string,
  keys: string[],
  kind: ContactKind,
) {
  if (keys.length === 0) return null;
  const contact = (name: string) => `(SELECT c."${name}" FROM "Contact" c WHERE c."id" = k."contactId")`;
  const [found] = await sql.query<{ contactId: string }>(
    `SELECT k."contactId" FROM "${table}" k WHERE ${textKey(sql.engine, `k."${column}"`)} ${inJsonKeys(sql.engine, "$1")} AND ${contact("kind")} = $2
     ORDER BY ${contact("createdAt")}, k."contactId" LIMIT 1`,
    [JSON.stringify(keys), kind],
  );
  return found?.contactId ?? null;
}

/**
 * The contact these emails and phone numbers belong to, by the contact rules: the oldest of
 * this kind having one of the emails (any case), else one of the phones (digits).
 */
export async function findContactIdByEmailOrPhone(
  emails: string[],
  phones: string[],
  kind: ContactKind,
  sql: Sql = defaultSql(),
): Promise<string | null> {
  return findMatch(matchKeysOfValues(kind, emails, phones), (via, keys) =>
    via === "email"
      ? oldestContactOfKind(sql, "ContactEmail", "emailLower", keys, kind)
      : oldestContactOfKind(sql, "ContactPhone", "digits", keys, kind),
  );
}

export async function countContacts(client: Db = db()): Promise<number> {
  return client.contact.count();
}

/**
 * The id when a contact with it exists, else null: one primary-key read through the
 * driver (the SocialSignIn iframe's gate asks it on every view, before the page renders).
 */
export async function findContactIdById(id: string, sql: Sql = defaultSql()): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(`SELECT "id" FROM "Contact" WHERE "id" = $1`, [id]);
  return row?.id ?? null;
}
