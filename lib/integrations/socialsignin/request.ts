// The SocialSignIn verifier wired to the configuration, the clock and the
// verification log: what the search route and the iframe page call first.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { recordKeyUse, recordVerificationFailure } from "@/lib/db/verification-log";
import { env } from "@/lib/env";
import { integrationDisabled } from "@/lib/http/errors";
import { type RequiredParameter, type Verified, verifySocialSignInQuery } from "./verify";

/**
 * Verifies a SocialSignIn request from its raw query (see lib/http/raw-query.ts).
 * Throws an AppError (503 when the integration is disabled, else the verifier's
 * refusal, which is recorded for the admin Connections page); returns the verified
 * parameters otherwise.
 */
export async function verifySocialSignInRequest(
  rawQuery: string,
  required: RequiredParameter,
  client: Db = db(),
): Promise<Verified> {
  const integration = env().socialsignin;
  if (!integration.enabled) throw integrationDisabled("SocialSignIn", integration.missing);
  const result = verifySocialSignInQuery({
    rawQuery,
    required,
    ring: integration.config.secrets,
    now: Math.floor(Date.now() / 1000),
  });
  // Both records are queued (lib/db/deferred-writes.ts): the log is for operators, and
  // writing it must neither delay nor change the answer the host gets.
  if (!result.ok) {
    recordVerificationFailure("socialsignin", result.error.code, result.canonical, client);
    throw result.error;
  }
  recordKeyUse("socialsignin", result.keySlot, client);
  return result;
}
