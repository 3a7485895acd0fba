import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "./activity";

describe("describeAuditEvent", () => {
  it("tells note changes with their contact and a short excerpt", () => {
    const after = JSON.stringify({
      contactId: "c1",
      body: `Called back.\n\nWants a ${"very ".repeat(30)}big flat`,
      version: 2,
      deletedAt: null,
    });
    const line = describeAuditEvent({ action: "note.update", entityType: "note", before: null, after });
    expect(line.verb).toBe("edited a note");
    expect(line.contactId).toBe("c1");
    expect(line.excerpt).toHaveLength(90);
    expect(line.excerpt).toMatch(/^Called back\. Wants a very/);
    expect(line.excerpt?.endsWith("…")).toBe(true);
  });
  it("tells sign-ins, and survives unexpected payloads", () => {
    expect(
      describeAuditEvent({ action: "staff.sign_in", entityType: "staff_user", before: null, after: "{}" }),
    ).toEqual({ verb: "signed in", contactId: null, excerpt: null });
    expect(describeAuditEvent({ action: "note.delete", entityType: "note", before: "not json", after: "[]" })).toEqual({
      verb: "deleted a note",
      contactId: null,
      excerpt: null,
    });
    expect(describeAuditEvent({ action: "thing.done", entityType: "other", before: null, after: null }).verb).toBe(
      "thing.done",
    );
  });
});
