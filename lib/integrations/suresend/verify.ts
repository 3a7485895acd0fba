// Verifies a Sure Send widget request, in the contract's order: parameters present →
// signature over the base64 text as sent → decode and validate → freshness. Nothing
// from the context is decoded before its signature matches. Pure: no I/O.
import "server-only";
import type { KeyRing, KeySlot } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { singleValues } from "@/lib/http/query";
import { verifyHexSignature } from "@/lib/signing/hmac";
import { sureSendContextSchema, type SureSendContext } from "./context-schema";

export type SureSendVerifyConfig = { secrets: KeyRing; maxAgeSeconds: number };

/** How far in the future a context's timestamp may be (clock skew between hosts). */
export const maxFutureSkewSeconds = 60;

export type SureSendVerified = { context: SureSendContext; keySlot: KeySlot };

/**
 * The base64 context exactly as the host signed it. Hosts do not always percent-encode
 * it, and a form-style query parser turns a raw `+` into a space; base64 has no spaces,
 * so every space was a `+`.
 */
export function signedContextText(context: string): string {
  return context.replace(/ /g, "+");
}

function decodeContext(base64: string): unknown {
  const standard = base64.replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(standard) || standard.replace(/=+$/, "").length % 4 === 1) {
    throw new AppError("bad_context", 400, "The context is not valid base64.");
  }
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(standard, "base64"));
  } catch {
    throw new AppError("bad_context", 400, "The context does not decode to UTF-8 text.");
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new AppError("bad_context", 400, "The decoded context is not JSON.");
  }
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/**
 * Verifies the request's query. Throws an AppError (with the contract's status and
 * code) on the first failed step; returns the validated context and the key that
 * verified it.
 */
export function verifySureSendRequest(
  params: URLSearchParams,
  config: SureSendVerifyConfig,
  now: Date = new Date(),
): SureSendVerified {
  const { context, signature } = singleValues(params, ["context", "signature"]);
  if (context === undefined || signature === undefined) {
    const missing = [context === undefined && "context", signature === undefined && "signature"].filter(Boolean);
    throw new AppError("missing_parameter", 400, `The widget URL must carry ${missing.join(" and ")}.`);
  }

  const signed = signedContextText(context);
  const keySlot = verifyHexSignature(signed, signature.trim(), config.secrets);
  if (keySlot === null) {
    throw new AppError(
      "bad_signature",
      403,
      "The signature does not match the context: it must be the hex HMAC-SHA256 of the base64 context text, keyed by the widget secret Sure Send issued.",
    );
  }

  const parsed = sureSendContextSchema.safeParse(decodeContext(signed));
  if (!parsed.success) {
    throw new AppError(
      "bad_context",
      400,
      `The context is not a valid Sure Send context: ${describeIssues(parsed.error)}.`,
    );
  }

  const ageSeconds = (now.getTime() - Date.parse(parsed.data.timestamp)) / 1000;
  if (ageSeconds > config.maxAgeSeconds) {
    throw new AppError(
      "stale_context",
      403,
      `The context was signed ${Math.floor(ageSeconds)} s ago, more than the ${config.maxAgeSeconds} s allowed. Reopen the contact in Sure Send.`,
    );
  }
  if (ageSeconds < -maxFutureSkewSeconds) {
    throw new AppError(
      "stale_context",
      403,
      `The context's timestamp is ${Math.ceil(-ageSeconds)} s in the future; check the clocks of Sure Send and this server.`,
    );
  }
  return { context: parsed.data, keySlot };
}
