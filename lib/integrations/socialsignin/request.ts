// The SocialSignIn verifier wired to the configuration, the clock and the verification
// log: what the search route and the iframe's front door call first. A disabled
// integration answers 503 integration_disabled (not recorded: no host was refused).
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { integrationDisabled } from "@/lib/http/errors";
import { type Gated, type RefusalForm, answerRefusal, gateVerdict } from "@/lib/http/host-gate";
import { rawQueryOf } from "@/lib/http/raw-query";
import { unixSeconds } from "@/lib/signing/verdict";
import { type RequiredParameter, type SocialSignInVerdict, verifySocialSignInQuery } from "./verify";

type SocialSignInFields = Omit<Extract<SocialSignInVerdict, { ok: true }>, "ok" | "keySlot" | "canonical">;

/** The request verified and recorded: what was signed, or the refusal answered in `form`. */
export function gateSocialSignInRequest(
  request: Request,
  required: RequiredParameter,
  form: RefusalForm,
  client: Db = db(),
): Gated<SocialSignInFields> {
  const integration = env().socialsignin;
  if (!integration.enabled) {
    return { ok: false, response: answerRefusal(integrationDisabled("SocialSignIn", integration.missing), form) };
  }
  const verdict = verifySocialSignInQuery({
    rawQuery: rawQueryOf(request.url),
    required,
    ring: integration.config.secrets,
    now: unixSeconds(),
  });
  return gateVerdict("socialsignin", verdict, form, client);
}
