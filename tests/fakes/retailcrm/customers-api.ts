// The four read methods of API v5 a customers connector calls, answered from a FakeAccount the way the
// platform answers them (see ../retailcrm-server.ts for where each behaviour was learned).
import type { FakeAccount, HistoryKind, Json, StoredRecord } from "./account";

export type Answer = { status: number; body: Json };

export const customerPaths: Record<string, { kind: HistoryKind; history: boolean }> = {
  "/api/v5/customers": { kind: "customers", history: false },
  "/api/v5/customers-corporate": { kind: "corporate", history: false },
  "/api/v5/customers/history": { kind: "customers", history: true },
  "/api/v5/customers-corporate/history": { kind: "corporate", history: true },
};

/** The page sizes the platform accepts; anything else is refused, and 20 is used when none is given. */
export const allowedLimits = [20, 50, 100];
export const defaultLimit = 20;

const invalid = (errors: Record<string, string>): Answer => ({
  status: 400,
  body: { success: false, errorMsg: "Errors in the input parameters", errors },
});

/** PHP reads the last of repeated scalar parameters. */
const last = (query: URLSearchParams, name: string) => query.getAll(name).at(-1);

/** PHP's `filter[ids][]=1&filter[ids][]=2` and http_build_query's `filter[ids][0]=1&filter[ids][1]=2` alike. */
function listParameter(query: URLSearchParams, name: string): string[] | undefined {
  const pattern = new RegExp(`^${name.replace(/[[\]]/g, "\\$&")}\\[\\d*\\]$`);
  const values = [...query.entries()].filter(([key]) => pattern.test(key)).map(([, value]) => value);
  return values.length > 0 ? values : undefined;
}

const wholeNumber = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);

export type DateCodec = { format: (ms: number) => string; parse: (text: string) => number | undefined };

/** Dates are `Y-m-d H:i:s` in the account's time zone, with no offset written. */
export function dateCodec(utcOffsetMinutes: number): DateCodec {
  const shift = utcOffsetMinutes * 60_000;
  return {
    format: (ms) => new Date(Math.floor(ms / 1000) * 1000 + shift).toISOString().slice(0, 19).replace("T", " "),
    parse(text) {
      const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
      if (!m) return undefined;
      const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      const roundTrip = new Date(ms).toISOString().slice(0, 19).replace("T", " ");
      return roundTrip === text ? ms - shift : undefined;
    },
  };
}

function paging(query: URLSearchParams) {
  const errors: Record<string, string> = {};
  const limitText = last(query, "limit");
  const limit = limitText === undefined ? defaultLimit : wholeNumber(limitText);
  if (limit === undefined || !allowedLimits.includes(limit))
    errors.limit = `The value you selected is not a valid choice. Allowed values: ${allowedLimits.join(", ")}.`;
  const pageText = last(query, "page");
  const page = pageText === undefined ? 1 : wholeNumber(pageText);
  if (page === undefined || page < 1) errors.page = "This value should be greater than or equal to 1.";
  return { limit: limit ?? defaultLimit, page: page ?? 1, errors };
}

const pagination = (limit: number, page: number, totalCount: number) => ({
  limit,
  totalCount,
  currentPage: page,
  totalPageCount: Math.ceil(totalCount / limit),
});

export function answerList(
  account: FakeAccount,
  kind: HistoryKind,
  query: URLSearchParams,
  newestFirst: boolean,
): Answer {
  const { limit, page, errors } = paging(query);
  const idTexts = listParameter(query, "filter[ids]");
  const ids = idTexts?.map(wholeNumber);
  if (ids?.some((id) => id === undefined)) errors["children[ids]"] = "This value is not valid.";
  if (Object.keys(errors).length > 0) return invalid(errors);
  const { totalCount, items } = account.listPage(kind, {
    ...(ids && { ids: ids as number[] }),
    newestFirst,
    offset: (page - 1) * limit,
    limit,
  });
  const listKey = kind === "customers" ? "customers" : "customersCorporate";
  return { status: 200, body: { success: true, pagination: pagination(limit, page, totalCount), [listKey]: items } };
}

/** A stored record as the platform shows it to the key that asks: `apiKey.current` says if it made the change. */
function recordJson(r: StoredRecord, requestingKey: string, date: DateCodec): Json {
  const { source = "user" } = r.actor;
  return {
    id: r.id,
    createdAt: date.format(r.at),
    ...(r.created && { created: true }),
    ...(r.deleted && { deleted: true }),
    source,
    ...(source === "user" && { user: { id: r.actor.userId ?? 1 } }),
    field: r.field,
    ...(source === "api" && { apiKey: { current: r.actor.apiKey === requestingKey } }),
    oldValue: r.oldValue,
    newValue: r.newValue,
    customer: r.customer,
    ...(r.company && { company: r.company }),
    ...(r.combinedTo && { combinedTo: r.combinedTo }),
  };
}

export function answerHistory(
  account: FakeAccount,
  kind: HistoryKind,
  query: URLSearchParams,
  requestingKey: string,
  date: DateCodec,
  now: number,
): Answer {
  const { limit, page, errors } = paging(query);
  const sinceText = last(query, "filter[sinceId]");
  const sinceId = sinceText === undefined ? 0 : wholeNumber(sinceText);
  if (sinceId === undefined) errors["children[sinceId]"] = "This value is not valid.";
  const bounds: Partial<Record<"startDate" | "endDate", number>> = {};
  for (const name of ["startDate", "endDate"] as const) {
    const text = last(query, `filter[${name}]`);
    if (text === undefined) continue;
    const ms = date.parse(text);
    if (ms === undefined) errors[`children[${name}]`] = "This value is not valid.";
    else bounds[name] = ms;
  }
  if (Object.keys(errors).length > 0) return invalid(errors);
  // sinceId is exclusive (records after it); both dates are inclusive, to the second.
  const matching = account
    .records(kind)
    .filter(
      (r) =>
        r.id > (sinceId ?? 0) &&
        (bounds.startDate === undefined || Math.floor(r.at / 1000) * 1000 >= bounds.startDate) &&
        (bounds.endDate === undefined || Math.floor(r.at / 1000) * 1000 <= bounds.endDate),
    );
  const items = matching.slice((page - 1) * limit, page * limit).map((r) => recordJson(r, requestingKey, date));
  return {
    status: 200,
    body: {
      success: true,
      generatedAt: date.format(now),
      history: items,
      pagination: pagination(limit, page, matching.length),
    },
  };
}
