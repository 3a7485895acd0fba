// The Sure Send widget's front door, run by proxy.ts before the page: it verifies the
// request, records the verdict and answers every refusal itself with the contract's
// status (lib/http/host-gate.ts), and sets the security headers of every response of
// the route. `client` is the database the verification log goes to.
import "server-only";
import type { NextRequest } from "next/server";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { integrationDisabled } from "@/lib/http/errors";
import { errorPageStyleSource } from "@/lib/http/html";
import { answerRefusal, embeddedRefusalForm, gateVerdict } from "@/lib/http/host-gate";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { rawQueryOf } from "@/lib/http/raw-query";
import { createNonce, embeddedViewHeaders } from "@/lib/http/security-headers";
import { unixSeconds } from "@/lib/signing/verdict";
import { verifySureSendQuery } from "./verify";

export function gateSureSendRequest(request: NextRequest, client: Db = db()): Response {
  const config = env();
  const frameAncestors = config.frameAncestors.suresend;
  const form = embeddedRefusalForm(frameAncestors, "suresend widget");
  if (!config.suresend.enabled) return answerRefusal(integrationDisabled("Sure Send", config.suresend.missing), form);
  const { secrets, maxAgeSeconds } = config.suresend.config;
  const verdict = verifySureSendQuery({
    rawQuery: rawQueryOf(request.url),
    ring: secrets,
    maxAgeSeconds,
    now: unixSeconds(),
  });
  const gated = gateVerdict("suresend", verdict, form, client);
  if (!gated.ok) return gated.response;
  // The page may still refuse with the error card (components/contact/view-error.tsx) and its inline style.
  const pageHeaders = embeddedViewHeaders({
    frameAncestors,
    nonce: createNonce(),
    styleSources: [errorPageStyleSource],
  });
  return continueWithHeaders(request, pageHeaders);
}
