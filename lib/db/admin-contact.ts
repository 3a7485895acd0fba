// What the admin contact page shows beyond the shared contact record
// (lib/db/contact-records.ts): where the contact sits among the others.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";

const shownMembers = 25;

export async function loadContactContext(id: string, client: Db = db()) {
  const row = await client.contact.findUnique({
    where: { id },
    select: {
      createdAt: true,
      updatedAt: true,
      company: { select: { id: true, displayName: true } },
      members: {
        select: { id: true, displayName: true },
        orderBy: [{ searchName: "asc" }, { id: "asc" }],
        take: shownMembers,
      },
      _count: { select: { members: true, leads: true, notes: { where: { deletedAt: null } } } },
    },
  });
  if (!row) return null;
  return {
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    company: row.company,
    members: row.members,
    memberCount: row._count.members,
    leadCount: row._count.leads,
    noteCount: row._count.notes,
  };
}
