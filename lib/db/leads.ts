// Leads brought by connectors. Each is unique per (source, identityKey), keeps the
// source record as received, and belongs to a contact. Imports work a window at a time
// with bulk statements (lib/db/driver/bulk.ts).
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { type SqlTx, insertRows, inJsonTexts, selectByKeys, updateRows } from "@/lib/db/driver";

export type LeadSource = "housing";

export type NewLead = {
  id: string;
  source: LeadSource;
  identityKey: string;
  contactId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  projectId: string | null;
  projectName: string | null;
  locality: string | null;
  leadDate: Date;
  raw: string;
};

export type StoredLeadRef = { id: string; raw: string };

/** The stored leads of a source with any of these identity keys, by key. */
export async function findLeadsByIdentity(
  tx: SqlTx,
  source: LeadSource,
  identityKeys: string[],
): Promise<Map<string, StoredLeadRef>> {
  if (identityKeys.length === 0) return new Map();
  const sql = `SELECT "id", "identityKey", "raw" FROM "Lead" WHERE "source" = $1 AND "identityKey" ${inJsonTexts(tx.engine, 2)}`;
  const rows = await selectByKeys(identityKeys, (keys) =>
    tx.query<{ id: string; identityKey: string; raw: string }>(sql, [source, keys]),
  );
  return new Map(rows.map((row) => [row.identityKey, { id: row.id, raw: row.raw }]));
}

/** A lead's columns taken from its source record (a newer copy of the record replaces them). */
const sourceColumns = {
  name: "text",
  email: "text",
  phone: "text",
  projectId: "text",
  projectName: "text",
  locality: "text",
  leadDate: "timestamp",
  raw: "text",
} as const;

export type LeadFromSource = Omit<NewLead, "id" | "source" | "identityKey" | "contactId">;

export async function insertLeads(tx: SqlTx, leads: NewLead[], now: Date): Promise<void> {
  await insertRows(
    tx,
    "Lead",
    {
      id: "text",
      source: "text",
      identityKey: "text",
      contactId: "text",
      ...sourceColumns,
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
    leads.map((lead) => ({ ...lead, createdAt: now, updatedAt: now })),
  );
}

/** Refreshes stored leads from newer copies of their source records (their contacts stay). */
export async function updateLeadsFromSource(
  tx: SqlTx,
  leads: { id: string; lead: LeadFromSource }[],
  now: Date,
): Promise<void> {
  await updateRows(
    tx,
    "Lead",
    "id",
    { id: "text", ...sourceColumns, updatedAt: "timestamp" },
    leads.map(({ id, lead }) => ({ id, ...lead, updatedAt: now })),
  );
}

/** A contact's leads, newest first. */
export async function listLeadsForContact(contactId: string, client: Db = db()) {
  return client.lead.findMany({
    where: { contactId },
    orderBy: { leadDate: "desc" },
    select: {
      id: true,
      source: true,
      name: true,
      email: true,
      phone: true,
      projectId: true,
      projectName: true,
      locality: true,
      leadDate: true,
    },
  });
}
