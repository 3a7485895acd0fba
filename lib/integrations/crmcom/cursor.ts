// What the crmcom cursor means. Every run reads CRM.COM's contact list, oldest update
// first, from page 1 to the last page: a sweep (the contract's API has no "updated since"
// filter, so there is nothing to seek by). The cursor committed with each page says how
// far the sweep in progress has come, so that a run stopped half-way resumes there:
//   {"page": n, "mark": t}  pages 1..n of this sweep are committed; t is the newest CRM.COM
//                           update time on them
//   {"page": 0, "mark": t}  the last sweep read every page (t: the newest update it saw);
//                           the next run starts a new sweep at page 1
// A resumed run reads page n again rather than n + 1: contacts updated in between moved to
// the end of the list and the rest moved up, so what followed page n may now be on it
// (those already stored are "unchanged" and cost nothing). If page n no longer holds any
// contact updated at or before t, the list moved by a page or more: the sweep starts over
// at page 1. Upserts by CRM.COM id keep every contact stored once whatever happens.
import { z } from "zod";

export type SweepCursor = { page: number; mark: Date | null };

const stored = z.object({
  page: z.number().int().nonnegative(),
  mark: z.iso.datetime().nullable(),
});

/** The stored cursor; anything unreadable (or none) means: start a sweep at page 1. */
export function parseSweepCursor(text: string | null): SweepCursor {
  if (text === null) return { page: 0, mark: null };
  try {
    const parsed = stored.safeParse(JSON.parse(text));
    if (parsed.success)
      return { page: parsed.data.page, mark: parsed.data.mark === null ? null : new Date(parsed.data.mark) };
  } catch {
    // not JSON: start over
  }
  return { page: 0, mark: null };
}

export function formatSweepCursor(cursor: SweepCursor): string {
  return JSON.stringify({ page: cursor.page, mark: cursor.mark?.toISOString() ?? null });
}

/** The page a run starts at: the last committed page of an unfinished sweep (read again), else 1. */
export function startPage(cursor: SweepCursor): number {
  return cursor.page > 0 ? cursor.page : 1;
}

/** Whether a resumed page still overlaps what was committed: it holds a contact updated at or before the mark. */
export function overlapsMark(times: readonly (Date | null)[], mark: Date | null): boolean {
  return mark !== null && times.some((t) => t !== null && t.getTime() <= mark.getTime());
}

/** The newest of the mark and the given times. */
export function advanceMark(mark: Date | null, times: readonly (Date | null)[]): Date | null {
  let newest = mark;
  for (const t of times) if (t !== null && (newest === null || t.getTime() > newest.getTime())) newest = t;
  return newest;
}
