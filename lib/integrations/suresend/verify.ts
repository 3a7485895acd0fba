// Verifies a Sure Send widget request, in the contract's order: parameters present →
// signature over the base64 text as sent → decode and validate → freshness. Nothing
// from the context is decoded before its signature matches. Pure: no I/O, no clock, no
// configuration (the caller passes them in); answers a verdict (lib/signing/verdict.ts).
import "server-only";
import { countInParams, duplicateIn, queryTooLong } from "@/lib/http/query";
import { verifyHexSignature } from "@/lib/signing/hmac";
import { type HostQuery, type Verdict, refusal, refusalFrom } from "@/lib/signing/verdict";
import { sureSendContextSchema, type SureSendContext } from "./context-schema";

export type SureSendQuery = HostQuery & { maxAgeSeconds: number };

/** How far in the future a context's timestamp may be (clock skew between hosts). */
export const maxFutureSkewSeconds = 60;

export type SureSendVerdict = Verdict<{ context: SureSendContext }>;

/**
 * The base64 context exactly as the host signed it. Hosts do not always percent-encode
 * it, and a form-style query parser turns a raw `+` into a space; base64 has no spaces,
 * so every space was a `+`.
 */
export function signedContextText(context: string): string {
  return context.replace(/ /g, "+");
}

/** The decoded JSON, or why it cannot be read. */
function decodeContext(base64: string): { json: unknown } | { problem: string } {
  const standard = base64.replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(standard) || standard.replace(/=+$/, "").length % 4 === 1) {
    return { problem: "The context is not valid base64." };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(standard, "base64"));
  } catch {
    return { problem: "The context does not decode to UTF-8 text." };
  }
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { problem: "The decoded context is not JSON." };
  }
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** The request's verdict: the validated context and the key that verified it, or the first failed step. */
export function verifySureSendQuery({ rawQuery, ring, maxAgeSeconds, now }: SureSendQuery): SureSendVerdict {
  const params = new URLSearchParams(rawQuery);
  const signed = signedContextText(params.get("context") ?? "");
  const tooLong = queryTooLong(rawQuery);
  if (tooLong) return refusalFrom(tooLong, signed);
  const duplicate = duplicateIn(["context", "signature"], countInParams(params));
  if (duplicate) return refusalFrom(duplicate, signed);

  const signature = params.get("signature") ?? "";
  if (signed === "" || signature === "") {
    const missing = [signed === "" && "context", signature === "" && "signature"].filter(Boolean);
    return refusal("missing_parameter", 400, `The widget URL must carry ${missing.join(" and ")}.`, signed);
  }

  const keySlot = verifyHexSignature(signed, signature.trim(), ring);
  if (keySlot === null) {
    return refusal(
      "bad_signature",
      403,
      "The signature does not match the context: it must be the hex HMAC-SHA256 of the base64 context text, keyed by the widget secret Sure Send issued.",
      signed,
    );
  }

  const decoded = decodeContext(signed);
  if ("problem" in decoded) return refusal("bad_context", 400, decoded.problem, signed);
  const parsed = sureSendContextSchema.safeParse(decoded.json);
  if (!parsed.success) {
    return refusal(
      "bad_context",
      400,
      `The context is not a valid Sure Send context: ${describeIssues(parsed.error)}.`,
      signed,
    );
  }

  const ageSeconds = now - Date.parse(parsed.data.timestamp) / 1000;
  if (ageSeconds > maxAgeSeconds) {
    return refusal(
      "stale_context",
      403,
      `The context was signed ${Math.floor(ageSeconds)} s ago, more than the ${maxAgeSeconds} s allowed. Reopen the contact in Sure Send.`,
      signed,
    );
  }
  if (ageSeconds < -maxFutureSkewSeconds) {
    return refusal(
      "stale_context",
      403,
      `The context's timestamp is ${Math.ceil(-ageSeconds)} s in the future; check the clocks of Sure Send and this server.`,
      signed,
    );
  }
  return { ok: true, context: parsed.data, keySlot, canonical: signed };
}
