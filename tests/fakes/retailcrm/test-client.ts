// Small helpers for the fake's own tests: GET an API path the way a client would, and read the answer.
import { z } from "zod";

export type Got = { status: number; headers: Headers; text: string; body: unknown };

export async function apiGet(
  base: string,
  path: string,
  params: [string, string][] | Record<string, string> = {},
  key: string | undefined = undefined,
  via: "header" | "query" = "header",
): Promise<Got> {
  const url = new URL(path, base);
  for (const [name, value] of Array.isArray(params) ? params : Object.entries(params))
    url.searchParams.append(name, value);
  if (key !== undefined && via === "query") url.searchParams.set("apiKey", key);
  const response = await fetch(url, { headers: key !== undefined && via === "header" ? { "x-api-key": key } : {} });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export const paginationShape = z.strictObject({
  limit: z.number(),
  totalCount: z.number(),
  currentPage: z.number(),
  totalPageCount: z.number(),
});

const listed = z.array(z.looseObject({ id: z.number() }));
const customersAnswer = z.strictObject({ success: z.literal(true), pagination: paginationShape, customers: listed });
const corporateAnswer = z.strictObject({
  success: z.literal(true),
  pagination: paginationShape,
  customersCorporate: listed,
});

export function listAnswer(listKey: "customers"): typeof customersAnswer;
export function listAnswer(listKey: "customersCorporate"): typeof corporateAnswer;
export function listAnswer(listKey: "customers" | "customersCorporate") {
  return listKey === "customers" ? customersAnswer : corporateAnswer;
}

export const historyRecord = z.strictObject({
  id: z.number(),
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
  created: z.literal(true).optional(),
  deleted: z.literal(true).optional(),
  source: z.enum(["user", "api", "code"]),
  user: z.strictObject({ id: z.number() }).optional(),
  apiKey: z.strictObject({ current: z.boolean() }).optional(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  customer: z.looseObject({ id: z.number() }),
  company: z.looseObject({ id: z.number() }).optional(),
  combinedTo: z.looseObject({ id: z.number() }).optional(),
});
export type HistoryRecord = z.infer<typeof historyRecord>;

export const historyAnswer = z.strictObject({
  success: z.literal(true),
  generatedAt: z.string(),
  history: z.array(historyRecord),
  pagination: paginationShape,
});
