// What a contact is, decided once for every path that creates, updates or matches one: the app's
// createContact (admin, demo seed), the bulk imports (Housing.com leads, CRM.COM contacts, and
// the retailCRM connector to come), and the Sure Send lookup. A source maps its record to a
// ContactInput; normalizeContact gives what is stored and the keys it is matched by; chooseMatch
// (or findMatch, for lookups that answer one contact per query) decides the match. Pure.
//
// Where the paths disagreed before, the rule chosen and why:
// - An email is trimmed and kept as given; its key is the lower-cased address. Blank ones, and
//   ones not shaped like an address (x@y.z), are dropped: they reach no one and would only
//   match strangers (before, only Housing.com checked the shape).
// - A phone is trimmed and kept as given; its key is its digits. One without digits is dropped.
//   A contact has each number once: "+91 98765-43210" and "+91 9876543210" are one number to a
//   user (before, createContact stored both; the database now refuses a second copy).
// - Of copies of one email or number, the first is kept (its text, label, type); it is primary
//   when any copy is marked so: the mark is about the address, not the copy (before,
//   createContact took the first copy's mark and the bulk path any copy's).
// - A contact with emails has exactly one primary email, and likewise phones: the first marked
//   one, else the first. The contact view puts the primary first; none, or two, leave it to
//   chance (before, createContact stored whatever it was given).
// - A record is matched to the oldest contact of its kind (a person to people, a company to
//   companies) having one of its emails, else the oldest having one of its phone numbers. Email
//   first: an address belongs to one person, while a number is often shared (an office line, a
//   household). Before, Housing.com tried the phone first and matched any kind.
// - Names are trimmed (blank → none); a company has a name, no first or last name.
import { foldText, normalizeEmail, personDisplayName, phoneDigits } from "@/lib/contacts/normalize";

export type ContactKind = "person" | "company";

export type EmailInput = { email: string; label?: string | null; isPrimary?: boolean };
export type PhoneInput = { phone: string; type?: string | null; isPrimary?: boolean };

/** What any source says about a contact's identity, before the rules are applied. */
export type ContactIdentityInput = {
  kind: ContactKind;
  firstName?: string | null;
  lastName?: string | null;
  /** a company's name (a person's display name comes from first and last name) */
  name?: string | null;
  emails?: EmailInput[];
  phones?: PhoneInput[];
};

export type ContactEmail = { email: string; emailLower: string; label: string | null; isPrimary: boolean };
export type ContactPhone = { phone: string; digits: string; type: string | null; isPrimary: boolean };

export type NormalizedContact = {
  kind: ContactKind;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  /** displayName folded: what name search reads */
  searchName: string;
  emails: ContactEmail[];
  phones: ContactPhone[];
};

/** The keys a contact is matched by: lower-cased emails and phone digits, each once, in the order given. */
export type MatchKeys = { kind: ContactKind; emails: string[]; digits: string[] };

const plausibleEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The lower-cased key of an email worth storing, else null (blank, or not shaped like an address). */
export function emailKey(email: string | null | undefined): string | null {
  const key = normalizeEmail(email ?? "");
  return plausibleEmail.test(key) ? key : null;
}

/** The digits of a phone number, else null (no digits). */
export function phoneKey(phone: string | null | undefined): string | null {
  return phoneDigits(phone ?? "") || null;
}

/**
 * One entry per key, the first copy kept and primary when any copy is; then exactly one
 * primary (the first marked, else the first).
 */
function uniqueWithOnePrimary<In extends { isPrimary?: boolean }, Out extends { isPrimary: boolean }>(
  given: readonly In[],
  keyOf: (item: In) => string | null,
  make: (item: In, key: string) => Out,
): Out[] {
  const byKey = new Map<string, Out>();
  for (const item of given) {
    const key = keyOf(item);
    if (key === null) continue;
    const seen = byKey.get(key);
    if (seen) seen.isPrimary ||= item.isPrimary === true;
    else byKey.set(key, make(item, key));
  }
  const rows = [...byKey.values()];
  const primary = Math.max(
    0,
    rows.findIndex((row) => row.isPrimary),
  );
  return rows.map((row, i) => ({ ...row, isPrimary: i === primary }));
}

export function normalizeEmails(emails: readonly EmailInput[]): ContactEmail[] {
  return uniqueWithOnePrimary(
    emails,
    (e) => emailKey(e.email),
    (e, emailLower) => ({ email: e.email.trim(), emailLower, label: e.label ?? null, isPrimary: e.isPrimary === true }),
  );
}

export function normalizePhones(phones: readonly PhoneInput[]): ContactPhone[] {
  return uniqueWithOnePrimary(
    phones,
    (p) => phoneKey(p.phone),
    (p, digits) => ({ phone: p.phone.trim(), digits, type: p.type ?? null, isPrimary: p.isPrimary === true }),
  );
}

const trimmed = (text: string | null | undefined) => text?.trim() || null;

export function normalizeContact(input: ContactIdentityInput): NormalizedContact {
  const emails = normalizeEmails(input.emails ?? []);
  const phones = normalizePhones(input.phones ?? []);
  const person = input.kind === "person";
  const firstName = person ? trimmed(input.firstName) : null;
  const lastName = person ? trimmed(input.lastName) : null;
  const displayName = person
    ? personDisplayName({ firstName, lastName, fallback: emails[0]?.email ?? phones[0]?.phone })
    : trimmed(input.name) || "Unnamed company";
  return {
    kind: input.kind,
    firstName,
    lastName,
    displayName,
    searchName: foldText(displayName),
    emails,
    phones,
  };
}

/**
 * The match keys of a contact (its input, or the contact normalized already): the keys of
 * its stored emails and phones, in their order, without the rest of normalizeContact (an
 * import asks this for every record, some twice).
 */
export function matchKeysOf(input: ContactIdentityInput | NormalizedContact): MatchKeys {
  return matchKeysOfValues(
    input.kind,
    (input.emails ?? []).map((e) => e.email),
    (input.phones ?? []).map((p) => p.phone),
  );
}

/** The match keys of raw emails and phone numbers (a lookup without a whole contact: the Sure Send widget's). */
export function matchKeysOfValues(kind: ContactKind, emails: readonly string[], phones: readonly string[]): MatchKeys {
  return { kind, emails: uniqueKeys(emails, emailKey), digits: uniqueKeys(phones, phoneKey) };
}

// A plain loop: imports ask this for every record, and a record has a key or two.
function uniqueKeys(values: readonly string[], keyOf: (value: string) => string | null): string[] {
  const keys: string[] = [];
  for (const value of values) {
    const key = keyOf(value);
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** How a contact was found: the rule tries emails, then phones. */
export type MatchVia = "email" | "phone";
export const matchOrder: readonly MatchVia[] = ["email", "phone"];

/** An existing contact having a key: its id and its age (creation time in ms; a contact made in this batch: Infinity). */
export type MatchCandidate = { contactId: string; createdAt: number };

/** Older first; of two made at once, the smaller id (the order the SQL lookups sort by). */
export function olderFirst(a: MatchCandidate, b: MatchCandidate): number {
  return a.createdAt - b.createdAt || (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0);
}

/** Where a candidate is kept in a Candidates map. */
export function candidateKey(kind: ContactKind, via: MatchVia, key: string): string {
  return `${kind}|${via}|${key}`;
}

/** For each key looked up (candidateKey), the oldest contact having it: what bulk lookups answer. */
export type Candidates = ReadonlyMap<string, MatchCandidate>;

/**
 * The contact a record with these keys belongs to: the oldest eligible contact of its kind
 * having one of its emails, else one of its phone numbers; null when none. `eligible` lets a
 * source exclude contacts (e.g. one already claimed by another record of the same page).
 */
export function chooseMatch(
  keys: MatchKeys,
  candidates: Candidates,
  eligible: (contactId: string) => boolean = () => true,
): string | null {
  for (const via of matchOrder) {
    let best: MatchCandidate | undefined;
    for (const key of via === "email" ? keys.emails : keys.digits) {
      const found = candidates.get(candidateKey(keys.kind, via, key));
      if (found && eligible(found.contactId) && (!best || olderFirst(found, best) < 0)) best = found;
    }
    if (best) return best.contactId;
  }
  return null;
}

/**
 * Records that a contact made in this batch has these keys (each key that has no candidate
 * yet: an existing contact is older): later records of the batch then match it.
 */
export function addBatchCandidate(candidates: Map<string, MatchCandidate>, keys: MatchKeys, contactId: string): void {
  for (const via of matchOrder) {
    for (const key of via === "email" ? keys.emails : keys.digits) {
      const at = candidateKey(keys.kind, via, key);
      if (!candidates.has(at)) candidates.set(at, { contactId, createdAt: Number.POSITIVE_INFINITY });
    }
  }
}

/**
 * chooseMatch for lookups that answer the oldest contact of a kind for a set of keys in one
 * query (the Sure Send widget's): asks them in the rule's order and stops at the first answer.
 */
export async function findMatch(
  keys: MatchKeys,
  oldest: (via: MatchVia, keys: string[]) => Promise<string | null>,
): Promise<string | null> {
  for (const via of matchOrder) {
    const list = via === "email" ? keys.emails : keys.digits;
    const found = list.length > 0 ? await oldest(via, list) : null;
    if (found !== null) return found;
  }
  return null;
}
