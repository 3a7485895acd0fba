// What every host entry point does with a verifier's verdict (lib/signing/verdict.ts):
// record it for the admin Connections page — which key verified, or why a request was
// refused — and answer a refusal in the host's form (JSON for an API, a small HTML page
// for a view shown in the host's iframe). The records go through the deferred writes
// (lib/db/deferred-writes.ts): they are written after the answer and never awaited, so a
// busy, locked or broken log can neither delay nor fail a verified view.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { type Integration, recordKeyUse, recordVerificationFailure } from "@/lib/db/verification-log";
import { jsonError } from "@/lib/http/errors";
import { errorPageStyleSource, htmlErrorPage } from "@/lib/http/html";
import { embeddedViewHeaders } from "@/lib/http/security-headers";
import { type Accepted, type Verdict, refusalError } from "@/lib/signing/verdict";

/** How a host is answered when it is refused, with the headers of every response of its route. */
export type RefusalForm = { kind: "json" | "html"; headers: Record<string, string>; where: string };

/** The form of a view embedded in a host's iframe: an HTML page framed only by that host. */
export function embeddedRefusalForm(frameAncestors: readonly string[], where: string): RefusalForm {
  return {
    kind: "html",
    headers: embeddedViewHeaders({ frameAncestors, styleSources: [errorPageStyleSource] }),
    where,
  };
}

/** Any refusal or failure answered in the host's form (a database outage becomes 503 unavailable). */
export function answerRefusal(error: unknown, form: RefusalForm): Response {
  return form.kind === "json"
    ? jsonError(error, form.headers, form.where)
    : htmlErrorPage(error, form.headers, { where: form.where });
}

/** Queues the verdict's record in the verification log; returns at once. */
export function recordVerdict<T>(integration: Integration, verdict: Verdict<T>, client: Db = db()): void {
  if (verdict.ok) recordKeyUse(integration, verdict.keySlot, client);
  else recordVerificationFailure(integration, verdict.code, verdict.canonical, client);
}

export type Gated<T> = { ok: true; accepted: Accepted<T> } | { ok: false; response: Response };

/**
 * Records the verdict and lets an accepted request on, or answers the refusal with the
 * contract's status and code. `client` is the database the log is written to.
 */
export function gateVerdict<T>(
  integration: Integration,
  verdict: Verdict<T>,
  form: RefusalForm,
  client: Db = db(),
): Gated<T> {
  recordVerdict(integration, verdict, client);
  if (verdict.ok) return { ok: true, accepted: verdict };
  return { ok: false, response: answerRefusal(refusalError(verdict), form) };
}
