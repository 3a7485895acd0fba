import { describe, expect, it } from "vitest";
import { useOwnDatabase } from "@/tests/support/own-database";
import { seedDemoData } from "./seed";
import { demoContacts } from "./demo-data";

// Its own database: other files create contacts (some with demo references) in parallel.
const own = useOwnDatabase();

describe("seedDemoData", () => {
  it("seeds at least 50 people and 10 companies with emails, phones, notes and leads, once", async () => {
    const client = own.client;
    const before = await Promise.all([client.contact.count(), client.note.count(), client.lead.count()]);
    const first = await seedDemoData(client, null);
    const afterFirst = await Promise.all([client.contact.count(), client.note.count(), client.lead.count()]);
    const second = await seedDemoData(client, null);
    const afterSecond = await Promise.all([client.contact.count(), client.note.count(), client.lead.count()]);

    const total = demoContacts().length;
    expect(first.created + first.existing).toBe(total);
    expect(second).toEqual({ created: 0, existing: total });
    expect(afterSecond).toEqual(afterFirst);
    expect(afterFirst[0] - before[0]).toBe(first.created);

    const demo = { externalRefs: { some: { system: "demo" } } };
    expect(await client.contact.count({ where: { ...demo, kind: "person" } })).toBeGreaterThanOrEqual(50);
    expect(await client.contact.count({ where: { ...demo, kind: "company" } })).toBeGreaterThanOrEqual(10);
    expect(await client.contact.count({ where: { ...demo, emails: { none: {} } } })).toBe(0);
    expect(await client.contact.count({ where: { ...demo, phones: { none: {} } } })).toBe(0);
    expect(await client.note.count({ where: { contact: demo } })).toBeGreaterThan(20);
    expect(await client.lead.count({ where: { contact: demo } })).toBeGreaterThan(10);
  });

  it("agrees with what the pages derive: contacts predate their notes and leads, every note has its audit event", async () => {
    const client = own.client;
    await seedDemoData(client, null);
    const contacts = await client.contact.findMany({
      where: { externalRefs: { some: { system: "demo" } } },
      select: {
        createdAt: true,
        notes: { select: { id: true, createdAt: true } },
        leads: { select: { leadDate: true } },
      },
    });
    for (const c of contacts) {
      for (const n of c.notes) expect(c.createdAt.getTime()).toBeLessThan(n.createdAt.getTime());
      for (const l of c.leads) expect(c.createdAt.getTime()).toBeLessThan(l.leadDate.getTime());
    }
    const notes = contacts.flatMap((c) => c.notes);
    const events = await client.auditEvent.findMany({
      where: { action: "note.create", entityId: { in: notes.map((n) => n.id) } },
    });
    expect(events).toHaveLength(notes.length);
    const noteAt = new Map(notes.map((n) => [n.id, n.createdAt.getTime()]));
    expect(events.every((e) => e.createdAt.getTime() === noteAt.get(e.entityId))).toBe(true);
  });
});
