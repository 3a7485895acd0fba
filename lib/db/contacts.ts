// Contacts: people and companies with their emails, phones, addresses and links to
// other systems. Emails and phones are stored as given and with their matching key.
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { foldText, normalizeEmail, personDisplayName, phoneDigits } from "@/lib/contacts/normalize";

export type ContactKind = "person" | "company";
/** Every system a contact can be linked to. "demo" marks the demo data of `npm run demo`. */
export type ExternalSystem = "suresend" | "socialsignin" | "retailcrm" | "housing" | "crmcom" | "demo";

export type ContactInput = {
  kind: ContactKind;
  firstName?: string | null;
  lastName?: string | null;
  /** a company's name (people's display name comes from first and last name) */
  name?: string | null;
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
  emails?: { email: string; label?: string | null; isPrimary?: boolean }[];
  phones?: { phone: string; type?: string | null; isPrimary?: boolean }[];
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

export function contactDisplayName(input: ContactInput): string {
  return input.kind === "company"
    ? input.name?.trim() || "Unnamed company"
    : personDisplayName({
        firstName: input.firstName,
        lastName: input.lastName,
        fallback: input.emails?.[0]?.email ?? input.phones?.[0]?.phone,
      });
}

/** Emails de-duplicated by their lower-cased form, the first one kept. */
function uniqueEmails(emails: NonNullable<ContactInput["emails"]>) {
  const seen = new Set<string>();
  return emails.filter((e) => {
    const key = normalizeEmail(e.email);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function createContact(input: ContactInput, client: Db = db()) {
  const displayName = contactDisplayName(input);
  return client.contact.create({
    data: {
      kind: input.kind,
      displayName,
      searchName: foldText(displayName),
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
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
      emails: {
        create: uniqueEmails(input.emails ?? []).map((e) => ({
          email: e.email.trim(),
          emailLower: normalizeEmail(e.email),
          label: e.label ?? null,
          isPrimary: e.isPrimary ?? false,
        })),
      },
      phones: {
        create: (input.phones ?? [])
          .filter((p) => phoneDigits(p.phone) !== "")
          .map((p) => ({ phone: p.phone.trim(), digits: phoneDigits(p.phone), type: p.type ?? null, isPrimary: p.isPrimary ?? false })),
      },
      addresses: { create: (input.addresses ?? []).map((a) => ({ ...a, isPrimary: a.isPrimary ?? false })) },
      externalRefs: { create: input.externalRefs ?? [] },
    },
    select: { id: true, displayName: true },
  });
}

export async function findContactIdByExternalRef(
  system: ExternalSystem,
  externalId: string,
  client: Db = db(),
): Promise<string | null> {
  const ref = await client.externalRef.findUnique({
    where: { system_externalId: { system, externalId } },
    select: { contactId: true },
  });
  return ref?.contactId ?? null;
}

/**
 * The first contact (oldest) having any of these emails (case-insensitive), else any of
 * these phones (digits); only of the given kind when one is named.
 */
export async function findContactIdByEmailOrPhone(
  emails: string[],
  phones: string[],
  kind?: ContactKind,
  client: Db = db(),
): Promise<string | null> {
  const emailKeys = [...new Set(emails.map(normalizeEmail).filter(Boolean))];
  const digitKeys = [...new Set(phones.map(phoneDigits).filter(Boolean))];
  if (emailKeys.length > 0) {
    const byEmail = await client.contactEmail.findFirst({
      where: { emailLower: { in: emailKeys }, ...(kind && { contact: { kind } }) },
      orderBy: { contact: { createdAt: "asc" } },
      select: { contactId: true },
    });
    if (byEmail) return byEmail.contactId;
  }
  if (digitKeys.length > 0) {
    const byPhone = await client.contactPhone.findFirst({
      where: { digits: { in: digitKeys }, ...(kind && { contact: { kind } }) },
      orderBy: { contact: { createdAt: "asc" } },
      select: { contactId: true },
    });
    if (byPhone) return byPhone.contactId;
  }
  return null;
}

export async function countContacts(client: Db = db()): Promise<number> {
  return client.contact.count();
}

/** The id when a contact with it exists, else null. */
export async function findContactIdById(id: string, client: Db = db()): Promise<string | null> {
  const row = await client.contact.findUnique({ where: { id }, select: { id: true } });
  return row?.id ?? null;
}
