// Links to other systems (ExternalRef) in bulk, for connectors: which of a page of
// records are linked already (and to which contact, as of which source update time),
// link many, and note a newer source update time. Unique per (system, externalId).
import "server-only";
import { orderedId } from "@/lib/db/ids";
import { type SqlTx, insertRows, inJsonTexts, selectByKeys, updateRows } from "@/lib/db/driver";
import type { ExternalSystem } from "@/lib/db/contacts";

export type StoredRef = { id: string; contactId: string; sourceUpdatedAt: Date | null };

/** The links of `system` for these external ids, by external id. */
export async function findExternalRefs(
  tx: SqlTx,
  system: ExternalSystem,
  externalIds: string[],
): Promise<Map<string, StoredRef>> {
  if (externalIds.length === 0) return new Map();
  const sql = `SELECT "id", "externalId", "contactId", "sourceUpdatedAt" FROM "ExternalRef"
    WHERE "externalId" ${inJsonTexts(tx.engine, 1)} AND "system" = $2`;
  const rows = await selectByKeys(externalIds, (json) =>
    tx.query<{ id: string; externalId: string; contactId: string; sourceUpdatedAt: Date | null }>(sql, [json, system], {
      sourceUpdatedAt: "date",
    }),
  );
  return new Map(
    rows.map((row) => [row.externalId, { id: row.id, contactId: row.contactId, sourceUpdatedAt: row.sourceUpdatedAt }]),
  );
}

export type NewRef = { contactId: string; externalId: string; sourceUpdatedAt: Date | null; url?: string | null };

export async function insertExternalRefs(tx: SqlTx, system: ExternalSystem, refs: NewRef[], now: Date): Promise<void> {
  await insertRows(
    tx,
    "ExternalRef",
    {
      id: "text",
      system: "text",
      externalId: "text",
      contactId: "text",
      url: "text",
      sourceUpdatedAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
    refs.map((ref) => ({ id: orderedId(), system, ...ref, url: ref.url ?? null, createdAt: now, updatedAt: now })),
  );
}

/** Records the source update time each link's record was last imported at. */
export async function updateExternalRefSourceTimes(
  tx: SqlTx,
  refs: { id: string; sourceUpdatedAt: Date | null }[],
  now: Date,
): Promise<void> {
  await updateRows(
    tx,
    "ExternalRef",
    "id",
    { id: "text", sourceUpdatedAt: "timestamp", updatedAt: "timestamp" },
    refs.map((ref) => ({ ...ref, updatedAt: now })),
  );
}

/** Removes the links of `system` with these external ids (their contacts stay); how many there were. */
export async function deleteExternalRefs(tx: SqlTx, system: ExternalSystem, externalIds: string[]): Promise<number> {
  if (externalIds.length === 0) return 0;
  const sql = `DELETE FROM "ExternalRef" WHERE "externalId" ${inJsonTexts(tx.engine, 1)} AND "system" = $2 RETURNING "id"`;
  const rows = await selectByKeys(externalIds, (json) => tx.query<{ id: string }>(sql, [json, system]));
  return rows.length;
}
