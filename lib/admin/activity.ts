// Audit events as the dashboard's activity list tells them: who did what, on which contact.
import { z } from "zod";

const verbs: Record<string, string> = {
  "note.create": "added a note",
  "note.update": "edited a note",
  "note.delete": "deleted a note",
  "note.restore": "restored a note",
  "staff.sign_in": "signed in",
  "staff.sign_out": "signed out",
  "connector.run": "started a connector run",
};

const noteSnapshot = z.object({ contactId: z.string(), body: z.string() });

function parseSnapshot(text: string | null) {
  if (!text) return null;
  try {
    const parsed = noteSnapshot.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type ActivityLine = { verb: string; contactId: string | null; excerpt: string | null };

export function describeAuditEvent(event: {
  action: string;
  entityType: string;
  before: string | null;
  after: string | null;
}): ActivityLine {
  const verb = verbs[event.action] ?? event.action;
  if (event.entityType !== "note") return { verb, contactId: null, excerpt: null };
  const note = parseSnapshot(event.after) ?? parseSnapshot(event.before);
  if (!note) return { verb, contactId: null, excerpt: null };
  const flat = note.body.replace(/\s+/g, " ").trim();
  return { verb, contactId: note.contactId, excerpt: flat.length > 90 ? `${flat.slice(0, 89)}…` : flat };
}
