// How contact values are shown: dates, money, links. Pure, so every view formats alike.

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});
const moneyFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

function toDate(value: Date | string): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "15 Jan 2010"; an unparseable string is shown as given. */
export function formatDate(value: Date | string): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : String(value);
}

/** "1 Dec 2026, 14:05 UTC". */
export function formatDateTime(value: Date | string): string {
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : String(value);
}

/** Machine-readable form for <time dateTime>; undefined when unparseable. */
export function isoDate(value: Date | string): string | undefined {
  return toDate(value)?.toISOString();
}

/** Annual revenue as money: 50000000 → "$50,000,000". */
export function formatRevenue(amount: number): string {
  return moneyFormat.format(amount);
}

/** The URL when it is an absolute http(s) URL (a website worth linking), else null: it is then shown as text. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
}

/** Primary entries first, the rest in their given order. */
export function primaryFirst<T extends { isPrimary: boolean }>(items: readonly T[]): T[] {
  return [...items.filter((i) => i.isPrimary), ...items.filter((i) => !i.isPrimary)];
}

/** An address as the lines it is written in: "123 Main Street", "San Francisco, CA 94105", "United States". */
export function addressLines(a: {
  street?: string | null;
  city?: string | null;
  state?: string | null;
  code?: string | null;
  country?: string | null;
}): string[] {
  const region = [a.state, a.code].filter(Boolean).join(" ");
  return [a.street, [a.city, region].filter(Boolean).join(", "), a.country].filter((line): line is string =>
    Boolean(line),
  );
}
