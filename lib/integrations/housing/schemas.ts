// Housing.com's leads response (seed 002, contract section 5), validated at the edge.
// A 200 body is a JSON array of leads, or an object whose `data` (or `leads`) is that
// array. Anything else is a bad response, and the window it answered writes nothing.
import { z } from "zod";

/** Text fields: strings (numbers accepted, e.g. a phone sent as a number); empty → null. */
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value).trim() || null));

const projectId = z.union([z.number().int().nonnegative(), z.string().trim().min(1, "must not be empty").max(200)]);

/** Epoch time as a decimal string or a number: seconds, or milliseconds when above 10^12. */
const epoch = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, "must be epoch time"),
  ])
  .transform((value) => Number(value))
  .refine((n) => Number.isFinite(n) && n > 0, "must be a positive epoch time")
  .transform((n) => (n > 1e12 ? Math.floor(n / 1000) : Math.floor(n)))
  .refine((seconds) => seconds < 253402300800, "must be a date before the year 10000");

export const housingLeadSchema = z.object({
  lead_name: optionalText,
  lead_phone: optionalText,
  lead_email: optionalText,
  project_id: projectId,
  project_name: optionalText,
  locality: optionalText,
  lead_date: epoch,
});

export type HousingLead = {
  name: string | null;
  phone: string | null;
  email: string | null;
  projectId: string;
  projectName: string | null;
  locality: string | null;
  /** lead_date in whole epoch seconds */
  leadSeconds: number;
  /** the lead exactly as received, extra fields included (JSON text) */
  raw: string;
};

const responseSchema = z.union([
  z.array(z.unknown()),
  z.object({ data: z.array(z.unknown()) }),
  z.object({ leads: z.array(z.unknown()) }),
]);

export type ParsedLeads = { ok: true; leads: HousingLead[] } | { ok: false; problem: string };

/** Reads a 200 body (already JSON-decoded) into leads, or says why it is not a list of leads. */
export function parseLeadsResponse(body: unknown): ParsedLeads {
  const shape = responseSchema.safeParse(body);
  if (!shape.success) {
    return { ok: false, problem: "expected a JSON array of leads, or an object with a data (or leads) array" };
  }
  const items = Array.isArray(shape.data) ? shape.data : "data" in shape.data ? shape.data.data : shape.data.leads;
  const leads: HousingLead[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = housingLeadSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") : "the lead";
      return { ok: false, problem: `lead #${index + 1}: ${where}: ${issue?.message ?? "invalid"}` };
    }
    const lead = parsed.data;
    leads.push({
      name: lead.lead_name,
      phone: lead.lead_phone,
      email: lead.lead_email,
      projectId: String(lead.project_id).trim(),
      projectName: lead.project_name,
      locality: lead.locality,
      leadSeconds: lead.lead_date,
      raw: JSON.stringify(item),
    });
  }
  return { ok: true, leads };
}
