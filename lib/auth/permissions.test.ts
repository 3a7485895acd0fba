import { describe, expect, it } from "vitest";
import { canDeleteNote, canEditNote, canRestoreNote, noteUndoWindowMs } from "./permissions";

const staff = { id: "s1" };
const now = new Date("2026-12-01T12:00:00Z");
const live = { deletedAt: null };
const justDeleted = { deletedAt: new Date(now.getTime() - 60_000) };
const longDeleted = { deletedAt: new Date(now.getTime() - noteUndoWindowMs) };

describe("note permissions", () => {
  it("lets staff edit and delete live notes only", () => {
    expect(canEditNote(staff, live)).toBe(true);
    expect(canDeleteNote(staff, live)).toBe(true);
    expect(canEditNote(staff, justDeleted)).toBe(false);
    expect(canDeleteNote(staff, justDeleted)).toBe(false);
  });
  it("lets staff restore a deletion while its undo window is open", () => {
    expect(canRestoreNote(staff, justDeleted, now)).toBe(true);
    expect(canRestoreNote(staff, longDeleted, now)).toBe(false);
    expect(canRestoreNote(staff, live, now)).toBe(false);
  });
  it("allows nothing without a staff member", () => {
    expect(canEditNote(null, live)).toBe(false);
    expect(canDeleteNote(null, live)).toBe(false);
    expect(canRestoreNote(null, justDeleted, now)).toBe(false);
  });
});
