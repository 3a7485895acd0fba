// The note actions' work (validation, version checks, soft delete and undo, audit
// trail) against the real test database. The server actions around it add only the
// session check and revalidation; e2e/admin-notes.spec.ts drives them in a browser.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createContact } from "@/lib/db/contacts";
import { upsertStaffUser } from "@/lib/db/staff-users";
import { noteUndoWindowMs } from "@/lib/auth/permissions";
import type { Staff } from "@/lib/auth/sessions";
import { maxNoteLength } from "./note-form-state";
import { addNoteCommand, deleteNoteCommand, editNoteCommand, restoreNoteCommand } from "./note-commands";

let ana: Staff;
let ben: Staff;
let contactId: string;

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
  return data;
}

async function addOne(body = "First call: interested in 2BHK") {
  const result = await addNoteCommand(ana, form({ contactId, body }));
  expect(result.state.status).toBe("saved");
  const note = await db().note.findFirstOrThrow({ where: { contactId }, orderBy: { createdAt: "desc" } });
  return note;
}

async function auditOf(noteId: string) {
  const events = await db().auditEvent.findMany({
    where: { entityType: "note", entityId: noteId },
    orderBy: { createdAt: "asc" },
  });
  return events.map((e) => ({
    action: e.action,
    actorId: e.actorId,
    before: e.before === null ? null : (JSON.parse(e.before) as Record<string, unknown>),
    after: e.after === null ? null : (JSON.parse(e.after) as Record<string, unknown>),
  }));
}

beforeAll(async () => {
  const suffix = Math.random().toString(36).slice(2);
  const a = await upsertStaffUser(`ana-${suffix}@example.com`, "password-123456");
  const b = await upsertStaffUser(`ben-${suffix}@example.com`, "password-123456");
  ana = { id: a.id, email: a.email, name: null };
  ben = { id: b.id, email: b.email, name: null };
  contactId = (await createContact({ kind: "person", firstName: "Note", lastName: `Target ${suffix}` })).id;
});

describe("adding a note", () => {
  it("saves it with its author, version 1, and an audit event", async () => {
    const result = await addNoteCommand(ana, form({ contactId, body: "  Line one\r\nLine two  " }));
    expect(result).toMatchObject({ state: { status: "saved", version: 1 }, contactId });
    const note = await db().note.findFirstOrThrow({ where: { contactId }, orderBy: { createdAt: "desc" } });
    expect(note).toMatchObject({ body: "Line one\nLine two", authorId: ana.id, version: 1, deletedAt: null });
    expect(await auditOf(note.id)).toEqual([
      {
        action: "note.create",
        actorId: ana.id,
        before: null,
        after: { contactId, body: "Line one\nLine two", version: 1, deletedAt: null },
      },
    ]);
  });

  it("returns field errors and keeps what was typed, saving nothing", async () => {
    const before = await db().note.count({ where: { contactId } });
    const blank = await addNoteCommand(ana, form({ contactId, body: " \n " }));
    expect(blank).toEqual({
      state: { status: "invalid", errors: { body: "Write something before saving." }, body: " \n " },
      contactId: null,
    });
    const long = "x".repeat(maxNoteLength + 1);
    const tooLong = await addNoteCommand(ana, form({ contactId, body: long }));
    expect(tooLong.state).toEqual({
      status: "invalid",
      errors: { body: "A note can be at most 10,000 characters." },
      body: long,
    });
    const noBody = await addNoteCommand(ana, form({ contactId }));
    expect(noBody.state).toMatchObject({ status: "invalid", errors: { body: "Write the note." } });
    const badContact = await addNoteCommand(ana, form({ contactId: "no such id!", body: "hello" }));
    expect(badContact.state).toMatchObject({
      status: "invalid",
      errors: { form: expect.stringContaining("out of date") },
      body: "hello",
    });
    const goneContact = await addNoteCommand(ana, form({ contactId: "cdoesnotexist000000000000", body: "hello" }));
    expect(goneContact.state).toMatchObject({ status: "invalid", errors: { form: "This contact no longer exists." } });
    expect(await db().note.count({ where: { contactId } })).toBe(before);
  });
});

describe("editing a note", () => {
  it("saves over the version it started from and bumps the version", async () => {
    const note = await addOne();
    const result = await editNoteCommand(ben, form({ noteId: note.id, version: 1, body: "Interested in 3BHK now" }));
    expect(result).toMatchObject({ state: { status: "saved", version: 2 }, contactId });
    expect(await db().note.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({
      body: "Interested in 3BHK now",
      version: 2,
      authorId: ana.id,
    });
    const audit = await auditOf(note.id);
    expect(audit.at(-1)).toEqual({
      action: "note.update",
      actorId: ben.id,
      before: { contactId, body: "First call: interested in 2BHK", version: 1, deletedAt: null },
      after: { contactId, body: "Interested in 3BHK now", version: 2, deletedAt: null },
    });
  });

  it("reports a conflict with both texts when a newer version was saved meanwhile", async () => {
    const note = await addOne("Original text");
    // Ana and Ben both open version 1; Ben saves first.
    await editNoteCommand(ben, form({ noteId: note.id, version: 1, body: "Ben's text" }));
    const result = await editNoteCommand(ana, form({ noteId: note.id, version: 1, body: "Ana's text" }));
    expect(result.state).toEqual({
      status: "conflict",
      mine: "Ana's text",
      theirs: { body: "Ben's text", version: 2, author: ana.email, updatedAt: expect.any(String) },
    });
    expect((await db().note.findUniqueOrThrow({ where: { id: note.id } })).body).toBe("Ben's text");
    // Saving again over the version now shown is deliberate, and goes through.
    const again = await editNoteCommand(ana, form({ noteId: note.id, version: 2, body: "Ana's text" }));
    expect(again.state).toMatchObject({ status: "saved", version: 3 });
    expect((await auditOf(note.id)).map((e) => e.action)).toEqual(["note.create", "note.update", "note.update"]);
  });

  it("lets exactly one of two simultaneous saves over one version win", async () => {
    const note = await addOne("Race");
    const results = await Promise.all(
      ["first", "second", "third"].map((body) => editNoteCommand(ben, form({ noteId: note.id, version: 1, body }))),
    );
    expect(results.map((r) => r.state.status).sort()).toEqual(["conflict", "conflict", "saved"]);
    expect((await db().note.findUniqueOrThrow({ where: { id: note.id } })).version).toBe(2);
  });

  it("refuses malformed input and edits of deleted notes", async () => {
    const note = await addOne("Will be deleted");
    expect((await editNoteCommand(ana, form({ noteId: note.id, version: "abc", body: "x" }))).state).toMatchObject({
      status: "invalid",
      errors: { form: expect.any(String) },
    });
    expect((await editNoteCommand(ana, form({ noteId: note.id, version: 1, body: "" }))).state).toMatchObject({
      status: "invalid",
      errors: { body: "Write something before saving." },
    });
    await deleteNoteCommand(ana, form({ noteId: note.id }));
    expect((await editNoteCommand(ana, form({ noteId: note.id, version: 1, body: "too late" }))).state.status).toBe(
      "gone",
    );
    expect(
      (await editNoteCommand(ana, form({ noteId: "cmissing0000000000000000", version: 1, body: "x" }))).state.status,
    ).toBe("gone");
    expect((await db().note.findUniqueOrThrow({ where: { id: note.id } })).body).toBe("Will be deleted");
  });

  it("writes nothing when the text did not change", async () => {
    const note = await addOne("Same");
    expect((await editNoteCommand(ana, form({ noteId: note.id, version: 1, body: "Same\r\n" }))).state).toMatchObject({
      status: "saved",
      version: 1,
    });
    expect((await auditOf(note.id)).map((e) => e.action)).toEqual(["note.create"]);
  });
});

describe("deleting and undoing", () => {
  it("soft-deletes, restores within the undo window, and audits both", async () => {
    const note = await addOne("Keep me around");
    expect(await deleteNoteCommand(ben, form({ noteId: note.id }))).toBe(contactId);
    const deleted = await db().note.findUniqueOrThrow({ where: { id: note.id } });
    expect(deleted.deletedAt).not.toBeNull();
    expect(await deleteNoteCommand(ben, form({ noteId: note.id }))).toBeNull(); // already deleted
    expect(await restoreNoteCommand(ana, form({ noteId: note.id }))).toBe(contactId);
    expect(await db().note.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({
      deletedAt: null,
      body: "Keep me around",
      version: 1,
    });
    expect(await restoreNoteCommand(ana, form({ noteId: note.id }))).toBeNull(); // nothing to undo
    const audit = await auditOf(note.id);
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["note.create", ana.id],
      ["note.delete", ben.id],
      ["note.restore", ana.id],
    ]);
    expect(audit[1]?.after?.deletedAt).toEqual(deleted.deletedAt?.toISOString());
  });

  it("does not restore once the undo window has passed", async () => {
    const note = await addOne("Gone for good");
    await deleteNoteCommand(ana, form({ noteId: note.id }));
    const later = new Date(Date.now() + noteUndoWindowMs + 1000);
    expect(await restoreNoteCommand(ana, form({ noteId: note.id }), later)).toBeNull();
    expect((await db().note.findUniqueOrThrow({ where: { id: note.id } })).deletedAt).not.toBeNull();
  });

  it("ignores malformed ids and arguments that are not forms", async () => {
    expect(await deleteNoteCommand(ana, form({ noteId: "'; DROP TABLE Note; --" }))).toBeNull();
    expect(await restoreNoteCommand(ana, form({}))).toBeNull();
    const notAForm = "x" as unknown as FormData;
    expect(await deleteNoteCommand(ana, notAForm)).toBeNull();
    expect((await addNoteCommand(ana, notAForm)).state.status).toBe("invalid");
    expect((await editNoteCommand(ana, notAForm)).state.status).toBe("invalid");
  });
});
