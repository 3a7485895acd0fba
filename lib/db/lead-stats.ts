// Leads per day, for the charts of the dashboard and the Sync page. One indexed range
// count per day (Lead.leadDate is indexed), the same on both engines.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { lastUtcDays } from "@/lib/admin/days";

export type DayCount = { day: string; count: number };

export async function countLeadsPerDay(days: number, now: Date = new Date(), client: Db = db()): Promise<DayCount[]> {
  const range = lastUtcDays(days, now);
  const counts = await Promise.all(
    range.map((d) => client.lead.count({ where: { leadDate: { gte: d.start, lt: d.end } } })),
  );
  return range.map((d, i) => ({ day: d.day, count: counts[i]! }));
}
