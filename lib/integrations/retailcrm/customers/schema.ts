// What the connector reads from retailCRM's answers, checked with zod. An answer of the
// wrong shape fails the sync ("bad_response"); inside a good answer, each customer and each
// history record is checked on its own, so one malformed record is counted `invalid` and the
// sync goes on. Fields are as retailCRM's official clients model them (see the fake account,
// tests/fakes/retailcrm-server.ts, for the sources); unknown fields are ignored.
import "server-only";
import { z } from "zod";
import { ConnectorError } from "@/lib/connectors/errors";
import type { CustomerKind } from "./api-client";

const id = z.number().int().positive();
const text = z.string().nullish();

const pagination = z.object({
  totalCount: z.number().int().nonnegative(),
  currentPage: z.number().int().positive(),
  totalPageCount: z.number().int().nonnegative(),
});

/** An individual customer: a person. `email` may be "" (no email). */
export const customerSchema = z.object({
  id,
  firstName: text,
  lastName: text,
  patronymic: text,
  email: text,
  phones: z
    .array(z.object({ number: text }))
    .nullish()
    .transform((phones) => phones ?? []),
});

/**
 * A corporate customer: a company. The list gives its nickname and main company; phones and
 * emails of its own are read when an answer carries them (contact persons are customers).
 */
export const corporateSchema = z.object({
  id,
  nickName: text,
  mainCompany: z.object({ name: text }).nullish(),
  companies: z
    .array(z.object({ id: id.optional(), name: text }))
    .nullish()
    .transform((companies) => companies ?? []),
  email: text,
  phones: z
    .array(z.object({ number: text }))
    .nullish()
    .transform((phones) => phones ?? []),
});

export type Customer = z.output<typeof customerSchema>;
export type Corporate = z.output<typeof corporateSchema>;

export type ListPage = {
  totalPageCount: number;
  totalCount: number;
  /** the records as given: each is checked when it is read (readCustomer) */
  records: unknown[];
};

const listKeys: Record<CustomerKind, string> = { customers: "customers", corporate: "customersCorporate" };

export function readListPage(kind: CustomerKind, body: unknown): ListPage {
  const key = listKeys[kind];
  const parsed = z.object({ pagination, list: z.array(z.unknown()) }).safeParse({
    pagination: (body as { pagination?: unknown } | null)?.pagination,
    list: (body as Record<string, unknown> | null)?.[key],
  });
  if (!parsed.success) throw badAnswer(`the ${key} list`, parsed.error);
  const { totalPageCount, totalCount } = parsed.data.pagination;
  return { totalPageCount, totalCount, records: parsed.data.list };
}

/** A history record: the customer it names (under `customer`; some clients say `corporateCustomer`). */
const historyRecordSchema = z.object({
  id,
  created: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  field: text,
  customer: z.object({ id }).nullish(),
  corporateCustomer: z.object({ id }).nullish(),
  /** a merge: the customer the deleted one was merged into */
  combinedTo: z.object({ id }).nullish(),
});

export type HistoryRecord = {
  id: number;
  /** the customer the record is about; null when the record names none (counted invalid) */
  customerId: number | null;
  deleted: boolean;
  /** a merge's survivor, whose data may have changed with it */
  combinedToId: number | null;
};

export type HistoryPage = { totalCount: number | null; records: HistoryRecord[] };

const historyAnswer = z.object({
  pagination: pagination.partial().nullish(),
  history: z.array(z.object({ id }).loose()),
});

export function readHistoryPage(kind: CustomerKind, body: unknown): HistoryPage {
  const parsed = historyAnswer.safeParse(body);
  if (!parsed.success)
    throw badAnswer(`the ${kind === "customers" ? "customers" : "corporate customers"} history`, parsed.error);
  const records = parsed.data.history.map((raw): HistoryRecord => {
    const record = historyRecordSchema.safeParse(raw);
    if (!record.success) return { id: raw.id, customerId: null, deleted: false, combinedToId: null };
    const { data } = record;
    const named = data.customer ?? data.corporateCustomer;
    return {
      id: data.id,
      customerId: named?.id ?? null,
      deleted: data.deleted === true,
      combinedToId: data.combinedTo?.id ?? null,
    };
  });
  for (let i = 1; i < records.length; i++) {
    if (records[i]!.id <= records[i - 1]!.id) {
      throw new ConnectorError("bad_response", "retailCRM's history answer is not in ascending id order");
    }
  }
  return { totalCount: parsed.data.pagination?.totalCount ?? null, records };
}

function badAnswer(what: string, error: z.ZodError): ConnectorError {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return new ConnectorError(
    "bad_response",
    `retailCRM's answer for ${what} is not as expected${where}: ${issue?.message ?? "invalid"}`,
  );
}
