// CRM.COM Back-Office contacts as the API sends them (seed 004, contract section 6).
// Unknown fields are ignored; a record that fails validation is counted, not fatal.
import { z } from "zod";

const text = z.string().trim().nullish();

/** Epoch seconds, epoch milliseconds (above 10^12) or ISO 8601 → Date. */
export const crmcomTime = z.union([z.number(), z.string().trim().min(1)]).transform((value, ctx) => {
  const numeric = typeof value === "number" ? value : /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
  const ms = numeric !== null ? (numeric > 1e12 ? numeric : numeric * 1000) : Date.parse(value as string);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: "custom", message: "must be epoch seconds, epoch milliseconds or ISO 8601" });
    return z.NEVER;
  }
  return new Date(ms);
});

export const crmcomPhoneSchema = z.object({
  number: z.string().trim().min(1),
  country_code: text,
  phone_type: text,
  is_primary: z.boolean().nullish(),
});

export const crmcomContactSchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    contact_type: z.enum(["PERSON", "COMPANY"]),
    first_name: text,
    last_name: text,
    company_name: text,
    email_address: z
      .email()
      .nullish()
      .or(z.literal("").transform(() => null)),
    phones: z.array(crmcomPhoneSchema).nullish(),
    updated_date: crmcomTime,
  })
  .refine((c) => c.contact_type !== "COMPANY" || Boolean(c.company_name), {
    message: "a COMPANY contact needs company_name",
    path: ["company_name"],
  })
  .refine(
    (c) => c.contact_type !== "PERSON" || Boolean(c.first_name || c.last_name || c.email_address || c.phones?.length),
    {
      message: "a PERSON contact needs a name, an email address or a phone",
      path: ["first_name"],
    },
  );

export type CrmcomContact = z.infer<typeof crmcomContactSchema>;

/**
 * The valid contacts of a page, and one line per record that is not, naming its id (or
 * its place in the page when it has none) and the first thing wrong with it.
 */
export function readContacts(
  records: readonly unknown[],
  page: number,
): { contacts: CrmcomContact[]; problems: string[] } {
  const contacts: CrmcomContact[] = [];
  const problems: string[] = [];
  records.forEach((record, index) => {
    const parsed = crmcomContactSchema.safeParse(record);
    if (parsed.success) return void contacts.push(parsed.data);
    const id = record && typeof record === "object" && "id" in record ? record.id : undefined;
    const name =
      (typeof id === "string" && id.trim()) || typeof id === "number"
        ? String(id).trim().slice(0, 64)
        : `record ${index + 1} of page ${page} (no id)`;
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    problems.push(`${name}: ${where}${issue?.message ?? "invalid"}`);
  });
  return { contacts, problems };
}

/**
 * One page of GET /backoffice/v1/contacts: `{content, paging}` or a bare array. `total`
 * (when CRM.COM tells it) only feeds the progress bar, so an odd one is ignored.
 */
export const crmcomPageSchema = z.union([
  z
    .array(z.unknown())
    .transform((content) => ({ content, hasMore: null as boolean | null, total: null as number | null })),
  z
    .object({
      content: z.array(z.unknown()),
      paging: z
        .object({ has_more: z.boolean().nullish(), total: z.number().int().nonnegative().nullish().catch(null) })
        .nullish(),
    })
    .transform((page) => ({
      content: page.content,
      hasMore: page.paging?.has_more ?? null,
      total: page.paging?.total ?? null,
    })),
]);

export type CrmcomPage = z.infer<typeof crmcomPageSchema>;

/** The answer to /users/authenticate and /users/refresh (other fields, e.g. organisations, ignored). */
export const crmcomTokensSchema = z
  .object({ access_token: z.string().min(1), refresh_token: z.string().min(1).nullish() })
  .transform((t) => ({ access: t.access_token, refresh: t.refresh_token ?? null }));

export type CrmcomTokens = z.infer<typeof crmcomTokensSchema>;
