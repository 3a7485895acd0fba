// The contact page's "older notes" position in its URL: the last note shown.
import { z } from "zod";
import type { NoteCursor } from "@/lib/db/notes";

const schema = z.object({ t: z.iso.datetime(), i: z.string().min(1).max(64) });

export function encodeNoteCursor(cursor: NoteCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.createdAt.toISOString(), i: cursor.id }), "utf8").toString("base64url");
}

export function decodeNoteCursor(value: string | string[] | undefined): NoteCursor | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || text.length > 500) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data.t), id: parsed.data.i } : undefined;
  } catch {
    return undefined;
  }
}
