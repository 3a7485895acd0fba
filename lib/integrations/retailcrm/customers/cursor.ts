// Where one account's sync stands, stored as the connector's cursor (JSON text): the last
// history record applied in each history (null before the first sync has marked it), and
// the next page of a full pass in progress. It commits with the writes of each batch, so a
// sync killed at any point resumes at the batch after the last one committed.
import { z } from "zod";
import type { CustomerKind } from "./api-client";

export type SyncCursor = {
  /** the last applied record id of each history; null until the first full pass has marked it */
  since: Record<CustomerKind, number | null>;
  /** the next list page of a full pass in progress; null when none is */
  pass: { kind: CustomerKind; page: number } | null;
};

const kind = z.enum(["customers", "corporate"]);
const recordId = z.number().int().nonnegative().nullable();
const cursorSchema = z.object({
  since: z.object({ customers: recordId, corporate: recordId }),
  pass: z.object({ kind, page: z.number().int().positive() }).nullable(),
});

export const freshCursor: SyncCursor = { since: { customers: null, corporate: null }, pass: null };

/** The stored cursor; a missing or unreadable one starts over with a first sync. */
export function parseSyncCursor(text: string | null): SyncCursor {
  if (text === null) return freshCursor;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : freshCursor;
  } catch {
    return freshCursor;
  }
}

export function formatSyncCursor(cursor: SyncCursor): string {
  return JSON.stringify(cursor);
}
