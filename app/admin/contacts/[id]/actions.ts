"use server";
// The contact page's note actions. Each is a public POST endpoint: it checks the
// session itself (401 without one), and lib/notes/note-commands.ts validates the
// form, checks permission, writes the change with its audit event and says what happened.
import { revalidatePath } from "next/cache";
import { requireStaffForAction } from "@/lib/auth/current-staff";
import { addNoteCommand, deleteNoteCommand, editNoteCommand, restoreNoteCommand } from "@/lib/notes/note-commands";
import type { NoteFormState } from "@/lib/notes/note-form-state";

function refresh(contactId: string | null) {
  if (contactId) revalidatePath(`/admin/contacts/${contactId}`);
}

export async function addNote(_previous: NoteFormState, formData: FormData): Promise<NoteFormState> {
  const staff = await requireStaffForAction();
  const { state, contactId } = await addNoteCommand(staff, formData);
  refresh(contactId);
  return state;
}

export async function editNote(_previous: NoteFormState, formData: FormData): Promise<NoteFormState> {
  const staff = await requireStaffForAction();
  const { state, contactId } = await editNoteCommand(staff, formData);
  refresh(contactId);
  return state;
}

export async function deleteNote(formData: FormData): Promise<void> {
  const staff = await requireStaffForAction();
  refresh(await deleteNoteCommand(staff, formData));
}

export async function restoreNote(formData: FormData): Promise<void> {
  const staff = await requireStaffForAction();
  refresh(await restoreNoteCommand(staff, formData));
}
