"use client";
// One status line for the notes of a contact page, saying what the latest note action did:
// "Note added.", "Note saved.", "Note restored.". Each action replaces the message of the one
// before, so a message never outlives the action that caused it. (A deletion shows its own
// line with Undo in the list, so it only clears the message.)
import { type ReactNode, createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

type NoteActivity = {
  message: string | null;
  /** says what the latest action did; null clears the line */
  report: (message: string | null) => void;
  /** an Undo was sent for this note: its card says "Note restored." once it is back */
  expectRestore: (noteId: string) => void;
  /** called by a live note's card: true once, when it is the note an Undo brought back */
  takeRestore: (noteId: string) => boolean;
};

const Context = createContext<NoteActivity | null>(null);

export function NoteActivityProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const restoring = useRef<string | null>(null);
  // The functions stay the same across renders, so effects that report run once per action.
  const expectRestore = useCallback((noteId: string) => {
    restoring.current = noteId;
    setMessage(null);
  }, []);
  const takeRestore = useCallback((noteId: string) => {
    if (restoring.current !== noteId) return false;
    restoring.current = null;
    return true;
  }, []);
  const value = useMemo(
    () => ({ message, report: setMessage, expectRestore, takeRestore }),
    [message, expectRestore, takeRestore],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The page's note activity; outside a provider (a page without one) reports go nowhere. */
export function useNoteActivity(): NoteActivity {
  return useContext(Context) ?? outside;
}

const outside: NoteActivity = { message: null, report: () => {}, expectRestore: () => {}, takeRestore: () => false };

export function NoteActivityStatus() {
  const { message } = useNoteActivity();
  return (
    <span role="status" className="text-sm text-green-800 empty:hidden dark:text-green-300" data-testid="note-activity">
      {message ?? ""}
    </span>
  );
}
