// Leads brought by connectors. Each is unique per (source, identityKey), keeps the
// source record as received, and belongs to a contact. Imports work a window at a time
// with bulk statements (lib/db/bulk-sql.ts).
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { DbEngine } from "@/lib/db/client-url";
import type { Tx } from "@/lib/db/client";
import { insertRows, jsonTextSet, param, selectByKeys } from "@/lib/db/bulk-sql";

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
  tx: Tx,
  engine: DbEngine,
  source: LeadSource,
  identityKeys: string[],
): Promise<Map<string, StoredLeadRef>> {
  if (identityKeys.length === 0) return new Map();
  const sql = `SELECT "id", "identityKey", "raw" FROM "Lead" WHERE "source" = ${param(engine, 1)} AND "identityKey" IN ${jsonTextSet(engine, 2)}`;
  const rows = await selectByKeys(identityKeys, (keys) =>
    tx.$queryRawUnsafe<{ id: string; identityKey: string; raw: string }[]>(sql, source, keys),
  );
  return new Map(rows.map((row) => [row.identityKey, { id: row.id, raw: row.raw }]));
}

export async function insertLeads(tx: Tx, engine: DbEngine, leads: NewLead[], now: Date): Promise<void> {
  await insertRows(
    tx,
    engine,
    "Lead",
    {
      id: "text",
      source: "text",
      identityKey: "text",
      contactId: "text",
      name: "text",
      email: "text",
      phone: "text",
      projectId: "text",
      projectName: "text",
      locality: "text",
      leadDate: "timestamp",
      raw: "text",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
    leads.map((lead) => ({ ...lead, createdAt: now, updatedAt: now })),
  );
}

/** Refreshes a stored lead from a newer copy of its source record (its contact stays). */
export async function updateLeadFromSource(
  tx: Tx,
  id: string,
  lead: Omit<NewLead, "id" | "source" | "identityKey" | "contactId">,
): Promise<void> {
  await tx.lead.update({ where: { id }, data: lead });
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
