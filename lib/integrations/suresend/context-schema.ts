// The Sure Send widget context (seed 003): who is looking (team, user), when the host
// signed it, and exactly one of a person or a company. Extra fields are allowed (the
// host may add some); optional fields may be missing or null, as in the seed's own
// test contexts.
import { z } from "zod";

const text = z.string().nullish();
/** isPrimary arrives as 1/0 in the seed; booleans are accepted too. */
const flag = z
  .union([z.number(), z.boolean()])
  .nullish()
  .transform((v) => v === 1 || v === true);
const stage = z.object({ name: text }).nullish();

export const contextEmailSchema = z
  .object({ id: text, email: text, value: text, isPrimary: flag, created_at: text, updated_at: text })
  .refine((e) => Boolean(e.email || e.value), "an email needs `email` or `value`");

export const contextPhoneSchema = z
  .object({ id: text, phone: text, type: text, isPrimary: flag, normalized: text, created_at: text, updated_at: text })
  .refine((p) => Boolean(p.phone || p.normalized), "a phone needs `phone` or `normalized`");

export const contextAddressSchema = z.object({
  id: text,
  type: text,
  street: text,
  city: text,
  state: text,
  code: text,
  country: text,
  isPrimary: flag,
});

const emails = z
  .array(contextEmailSchema)
  .nullish()
  .transform((v) => v ?? []);
const phones = z
  .array(contextPhoneSchema)
  .nullish()
  .transform((v) => v ?? []);

export const contextPersonSchema = z.object({
  id: text,
  firstName: text,
  lastName: text,
  stage,
  emails,
  phones,
});

export const contextCompanySchema = z.object({
  id: text,
  name: text,
  industry: text,
  website: text,
  description: text,
  companySize: text,
  annualRevenue: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .nullish(),
  foundedDate: text,
  registrationNumber: text,
  taxId: text,
  stage,
  emails,
  phones,
  addresses: z
    .array(contextAddressSchema)
    .nullish()
    .transform((v) => v ?? []),
});

export const sureSendContextSchema = z
  .object({
    team: z.object({ id: z.string(), name: z.string() }),
    user: z.object({ id: z.string(), email: z.string() }),
    timestamp: z.iso.datetime({ offset: true }),
    person: contextPersonSchema.nullish(),
    company: contextCompanySchema.nullish(),
  })
  .refine(
    (c) => Boolean(c.person) !== Boolean(c.company),
    "the context must hold exactly one of `person` or `company`",
  );

export type SureSendContext = z.infer<typeof sureSendContextSchema>;
export type ContextPerson = z.infer<typeof contextPersonSchema>;
export type ContextCompany = z.infer<typeof contextCompanySchema>;
