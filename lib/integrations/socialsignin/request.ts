// The SocialSignIn verifier wired to the configuration, the clock and the
// verification log: what the search route and the iframe page call first.
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
  if (!result.ok) {
    await logQuietly(() => recordVerificationFailure("socialsignin", result.error.code, result.canonical, client));
    throw result.error;
  }
  await logQuietly(() => recordKeyUse("socialsignin", result.keySlot, client));
  return result;
}

/** The log is for operators: failing to write it must not change the answer the host gets. */
async function logQuietly(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    console.error("socialsignin: could not write the verification log:", error instanceof Error ? error.message : error);
  }
}
