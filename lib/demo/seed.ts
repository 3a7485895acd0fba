// Seeds the demo data set. Idempotent: each demo contact carries an external reference
// ("demo", key), and a contact that already has its reference is left as it is. The data
// agrees with what the pages derive from it: a contact is in CRM Bridge from before its
// first note and lead, and each note has the audit event a note added by staff has.
import "server-only";
import type { Db } from "@/lib/db/client";
import { sqlOf } from "@/lib/db/driver";
import { createContact, findContactIdByExternalRef } from "@/lib/db/contacts";
import { insertNote } from "@/lib/db/notes";
import { phoneDigits } from "@/lib/contacts/normalize";
import { demoContacts } from "@/lib/demo/demo-data";

export async function seedDemoData(
  client: Db,
  authorId: string | null,
): Promise<{ created: number; existing: number }> {
  let created = 0;
  let existing = 0;
  const ids = new Map<string, string>();
  const now = Date.now();
  for (const item of demoContacts()) {
    const found = await findContactIdByExternalRef("demo", item.key, sqlOf(client));
    if (found) {
      ids.set(item.key, found);
      existing++;
      continue;
    }
    await client.$transaction(async (tx) => {
      const t = tx as unknown as Db;
      const contact = await createContact(
        {
          ...item.contact,
          companyId: item.companyKey ? (ids.get(item.companyKey) ?? null) : null,
          externalRefs: [{ system: "demo", externalId: item.key }],
        },
        t,
      );
      ids.set(item.key, contact.id);
      const firstDay = Math.max(item.notes.length, ...item.leads.map((l) => l.daysAgo));
      await t.contact.update({
        where: { id: contact.id },
        data: { createdAt: new Date(now - (firstDay + 1) * 86_400_000) },
      });
      for (const [n, body] of item.notes.entries()) {
        const createdAt = new Date(now - (item.notes.length - n) * 86_400_000);
        await insertNote({ contactId: contact.id, authorId, body, createdAt }, t);
      }
      const phone = item.contact.phones?.[0]?.phone ?? "";
      for (const lead of item.leads) {
        const leadDate = new Date(now - lead.daysAgo * 86_400_000);
        leadDate.setUTCSeconds(0, 0);
        const raw = {
          lead_name: contact.displayName,
          lead_phone: phone,
          lead_email: item.contact.emails?.[0]?.email ?? null,
          project_id: lead.projectId,
          project_name: lead.projectName,
          locality: lead.locality,
          lead_date: Math.floor(leadDate.getTime() / 1000),
        };
        await t.lead.create({
          data: {
            source: "housing",
            identityKey: `${lead.projectId}|${phoneDigits(phone)}|${raw.lead_date}`,
            contactId: contact.id,
            name: raw.lead_name,
            email: raw.lead_email,
            phone,
            projectId: lead.projectId,
            projectName: lead.projectName,
            locality: lead.locality,
            leadDate,
            raw: JSON.stringify(raw),
          },
        });
      }
    });
    created++;
  }
  return { created, existing };
}
