// Reads a request body once, refusing more than a limit before holding it in memory,
// and turns it into either form fields (urlencoded or multipart, every value of a
// repeated name kept, so callers can refuse duplicates) or a parsed JSON value.
import "server-only";
import { AppError } from "@/lib/http/errors";

export const maxBodyBytes = 1024 * 1024;

export type FormFields = Map<string, string[]>;
export type RequestFields = { kind: "form"; fields: FormFields } | { kind: "json"; value: unknown };

export function payloadTooLarge(limit: number): AppError {
  return new AppError("payload_too_large", 413, `The request body is larger than ${Math.floor(limit / 1024)} KiB.`);
}

/** A request's or response's body; throws 413 payload_too_large as soon as it passes `limit`. */
export async function readBodyBytes(
  message: Request | Response,
  limit = maxBodyBytes,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(message.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    await message.body?.cancel().catch(() => {});
    throw payloadTooLarge(limit);
  }
  if (message.body === null) return new Uint8Array(new ArrayBuffer(0));
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function collect(entries: Iterable<[string, string]>): FormFields {
  const fields: FormFields = new Map();
  for (const [name, value] of entries) fields.set(name, [...(fields.get(name) ?? []), value]);
  return fields;
}

/**
 * The request's fields. JSON when the content type says so; multipart form data; anything
 * else is read as application/x-www-form-urlencoded (what HTML forms and PHP clients send).
 * Malformed JSON or multipart → 400 bad_request; too large → 413.
 */
export async function readRequestFields(request: Request, limit = maxBodyBytes): Promise<RequestFields> {
  const bytes = await readBodyBytes(request, limit);
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  if (/^application\/([\w.+-]+\+)?json\b/.test(contentType)) {
    try {
      return { kind: "json", value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
    } catch {
      throw new AppError("bad_request", 400, "The request body is not valid JSON.");
    }
  }
  if (contentType.startsWith("multipart/form-data")) {
    try {
      const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
      const texts: [string, string][] = [];
      for (const [name, value] of form.entries()) if (typeof value === "string") texts.push([name, value]);
      return { kind: "form", fields: collect(texts) };
    } catch {
      throw new AppError("bad_request", 400, "The request body is not valid multipart form data.");
    }
  }
  return { kind: "form", fields: collect(new URLSearchParams(new TextDecoder().decode(bytes))) };
}
