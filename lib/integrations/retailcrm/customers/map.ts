// A retailCRM customer as CRM Bridge contact input. A person's name is firstName
// [patronymic] lastName, with the email and every phone number; a company's name is its
// nickname, else its main company's name. Each carries a reference to the account's
// customer, shown as `<host>/customers/<id>` and linked to the customer's page.
import "server-only";
import type { z } from "zod";
import type { ContactInput } from "@/lib/db/contacts";
import type { CustomerKind } from "./api-client";
import { type Corporate, type Customer, corporateSchema, customerSchema } from "./schema";

export type AccountRef = { systemUrl: string };

/** What the contact view shows and links for a customer of this account. */
export function customerReference(account: AccountRef, kind: CustomerKind, id: number) {
  const origin = account.systemUrl.replace(/\/+$/, "");
  const path = `${kind === "customers" ? "customers" : "customers-corporate"}/${id}`;
  return { externalId: `${new URL(origin).host}/${path}`, url: `${origin}/${path}` };
}

export type MappedCustomer = { id: number; externalId: string; url: string; input: ContactInput };

/** The record as contact input, or why it cannot be imported. */
export function mapCustomer(
  account: AccountRef,
  kind: CustomerKind,
  record: unknown,
): { ok: true; customer: MappedCustomer } | { ok: false; id: string; reason: string } {
  const read =
    kind === "customers"
      ? readWith(customerSchema, record, personInput)
      : readWith(corporateSchema, record, companyInput);
  if (!read.ok) return { ok: false, id: read.id ?? recordId(record), reason: read.reason };
  return { ok: true, customer: { id: read.id, ...customerReference(account, kind, read.id), input: read.input } };
}

function readWith<T extends { id: number }>(
  schema: z.ZodType<T>,
  record: unknown,
  toInput: (checked: T) => ContactInput | null,
): { ok: true; id: number; input: ContactInput } | { ok: false; id?: string; reason: string } {
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, reason: `${where}${issue?.message ?? "invalid"}` };
  }
  const input = toInput(parsed.data);
  if (input === null) return { ok: false, id: String(parsed.data.id), reason: "it has no name, email or phone" };
  return { ok: true, id: parsed.data.id, input };
}

const present = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

function channels(email: string | null | undefined, phones: { number?: string | null }[]) {
  const address = present(email);
  return {
    emails: address ? [{ email: address, isPrimary: true }] : [],
    phones: phones.flatMap((p, i) => (present(p.number) ? [{ phone: p.number!.trim(), isPrimary: i === 0 }] : [])),
  };
}

function personInput(c: Customer): ContactInput | null {
  const firstName = [present(c.firstName), present(c.patronymic)].filter(Boolean).join(" ") || null;
  const lastName = present(c.lastName);
  const { emails, phones } = channels(c.email, c.phones);
  if (!firstName && !lastName && emails.length === 0 && phones.length === 0) return null;
  return { kind: "person", firstName, lastName, emails, phones };
}

function companyInput(c: Corporate): ContactInput | null {
  const main = c.mainCompany?.name ?? c.companies[0]?.name;
  const name = present(c.nickName) ?? present(main);
  if (!name) return null;
  return { kind: "company", name, ...channels(c.email, c.phones) };
}

function recordId(record: unknown): string {
  const id = typeof record === "object" && record !== null && "id" in record ? record.id : undefined;
  return typeof id === "number" || typeof id === "string" ? String(id) : "(no id)";
}
