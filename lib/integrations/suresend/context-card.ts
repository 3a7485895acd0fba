// A verified Sure Send context as the contact view's card, and the keys that find the
// matching CRM Bridge record.
import type { ContactCard } from "@/lib/contacts/view-model";
import { personDisplayName } from "@/lib/contacts/normalize";
import type { SureSendContext } from "./context-schema";

export function contextToCard(context: SureSendContext): ContactCard {
  const subject = context.person ?? context.company!;
  const emails = subject.emails.map((e) => ({ value: (e.email || e.value)!, label: null, isPrimary: e.isPrimary }));
  const phones = subject.phones.map((p) => ({
    value: (p.phone || p.normalized)!,
    label: p.type ?? null,
    isPrimary: p.isPrimary,
  }));
  const stage = subject.stage?.name ?? null;
  if (context.person) {
    const p = context.person;
    return {
      kind: "person",
      name: personDisplayName({ firstName: p.firstName, lastName: p.lastName, fallback: emails[0]?.value }),
      stage,
      companyName: null,
      emails,
      phones,
      addresses: [],
      company: null,
    };
  }
  const c = context.company!;
  return {
    kind: "company",
    name: c.name?.trim() || "Unnamed company",
    stage,
    companyName: null,
    emails,
    phones,
    addresses: c.addresses.map((a) => ({
      type: a.type ?? null,
      street: a.street ?? null,
      city: a.city ?? null,
      state: a.state ?? null,
      code: a.code ?? null,
      country: a.country ?? null,
      isPrimary: a.isPrimary,
    })),
    company: {
      industry: c.industry ?? null,
      website: c.website ?? null,
      description: c.description ?? null,
      companySize: c.companySize ?? null,
      annualRevenue: c.annualRevenue ?? null,
      foundedDate: c.foundedDate ?? null,
      registrationNumber: c.registrationNumber ?? null,
      taxId: c.taxId ?? null,
    },
  };
}

/** What identifies the context's contact in CRM Bridge: Sure Send's id, then emails and phones. */
export function matchKeys(context: SureSendContext): { externalId: string | null; emails: string[]; phones: string[] } {
  const subject = context.person ?? context.company!;
  return {
    externalId: subject.id ?? null,
    emails: subject.emails.flatMap((e) => [e.value, e.email].filter((v): v is string => Boolean(v))),
    phones: subject.phones.flatMap((p) => [p.normalized, p.phone].filter((v): v is string => Boolean(v))),
  };
}
