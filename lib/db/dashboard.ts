// The counts on the admin dashboard (leads per day are in lead-stats.ts).
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";

const dayMs = 24 * 60 * 60 * 1000;

export type DashboardCounts = {
  people: number;
  companies: number;
  notes: number;
  notesThisWeek: number;
  refusedLastDay: number;
};

export async function loadDashboardCounts(now: Date = new Date(), client: Db = db()): Promise<DashboardCounts> {
  const [people, companies, notes, notesThisWeek, refusedLastDay] = await Promise.all([
    client.contact.count({ where: { kind: "person" } }),
    client.contact.count({ where: { kind: "company" } }),
    client.note.count({ where: { deletedAt: null } }),
    client.note.count({ where: { deletedAt: null, createdAt: { gte: new Date(now.getTime() - 7 * dayMs) } } }),
    client.verificationFailure.count({ where: { createdAt: { gte: new Date(now.getTime() - dayMs) } } }),
  ]);
  return { people, companies, notes, notesThisWeek, refusedLastDay };
}
