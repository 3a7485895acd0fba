// The contacts list's URL: what its query means (filter and page position) and the
// links to other pages. Pure, so the page stays thin and this is unit-tested.
import { z } from "zod";
import type { ContactKind, ExternalSystem } from "@/lib/db/contacts";
import type { ContactListFilter, ListCursor, ListPosition } from "@/lib/db/contact-list";

export const sourceOptions: { value: ExternalSystem; label: string }[] = [
  { value: "suresend", label: "Sure Send" },
  { value: "socialsignin", label: "SocialSignIn" },
  { value: "retailcrm", label: "retailCRM" },
  { value: "housing", label: "Housing.com" },
  { value: "crmcom", label: "CRM.COM" },
  { value: "demo", label: "Demo data" },
];
const kinds = ["person", "company"] as const satisfies readonly ContactKind[];
const sources = sourceOptions.map((s) => s.value) as [ExternalSystem, ...ExternalSystem[]];

export type ContactListQuery = {
  q: string;
  kind: ContactKind | "";
  source: ExternalSystem | "";
  position: ListPosition;
};

const cursorSchema = z.object({ n: z.string().max(1000), i: z.string().min(1).max(64) });

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify({ n: cursor.name, i: cursor.id }), "utf8").toString("base64url");
}

export function decodeCursor(value: string | undefined): ListCursor | undefined {
  if (!value || value.length > 2000) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { name: parsed.data.n, id: parsed.data.i } : undefined;
  } catch {
    return undefined;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Longest search term kept from the query. */
export const maxQueryLength = 100;

/** Reads the page's query leniently: anything unknown or malformed is as if absent. */
export function parseContactListQuery(params: Record<string, string | string[] | undefined>): ContactListQuery {
  const q = (first(params.q) ?? "").trim().slice(0, maxQueryLength);
  const kind = z.enum(kinds).safeParse(first(params.kind));
  const source = z.enum(sources).safeParse(first(params.source));
  const after = decodeCursor(first(params.after));
  const before = after ? undefined : decodeCursor(first(params.before));
  return {
    q,
    kind: kind.success ? kind.data : "",
    source: source.success ? source.data : "",
    position: after ? { after } : before ? { before } : {},
  };
}

/** The kind and source filters (the search term goes to the contact search). */
export function toListFilter(query: ContactListQuery): ContactListFilter {
  return {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.source ? { source: query.source } : {}),
  };
}

/** The list's URL with this query and an optional page position. */
export function contactListHref(
  query: Omit<ContactListQuery, "position">,
  position: { after?: ListCursor; before?: ListCursor } = {},
): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.kind) params.set("kind", query.kind);
  if (query.source) params.set("source", query.source);
  if (position.after) params.set("after", encodeCursor(position.after));
  else if (position.before) params.set("before", encodeCursor(position.before));
  const search = params.toString();
  return search ? `/admin/contacts?${search}` : "/admin/contacts";
}
