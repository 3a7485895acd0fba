// Signing a staff member in: rate limit first, then the password, then a new session.
// Every refusal has a status and a message for the sign-in page; none says whether the
// email belongs to an account.
import "server-only";
import { z } from "zod";
import { normalizeEmail } from "@/lib/contacts/normalize";
import { findStaffUserByEmail } from "@/lib/db/staff-users";
import { recordAuditEvent } from "@/lib/db/audit";
import { hashPassword, verifyPassword } from "./password";
import { checkSignInLimit, noteSignInFailure, noteSignInSuccess } from "./rate-limit";
import { startStaffSession } from "./sessions";

export const signInSchema = z.object({
  email: z
    .string("Enter your email address.")
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address.")),
  password: z.string("Enter your password.").min(1, "Enter your password.").max(1024, "That password is too long."),
});

export type SignInFieldErrors = Partial<Record<"email" | "password", string>>;

export type SignInResult =
  | { ok: true; staffId: string; token: string; expiresAt: Date }
  | { ok: false; status: 400; code: "bad_request"; message: string; fieldErrors: SignInFieldErrors }
  | { ok: false; status: 401; code: "unauthorized"; message: string }
  | { ok: false; status: 429; code: "rate_limited"; message: string; retryAfterSeconds: number };

// Verifying against a throwaway hash when the email is unknown makes both answers take as long.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/** The email the rate limit counts, from whatever was sent (even when it is not a valid address). */
function limitKey(email: unknown): string | undefined {
  return typeof email === "string" && email.trim() ? normalizeEmail(email).slice(0, 320) : undefined;
}

export async function signIn(
  input: { email: unknown; password: unknown },
  clientAddress: string,
  now: Date = new Date(),
): Promise<SignInResult> {
  const emailKey = limitKey(input.email);
  const limit = await checkSignInLimit({ email: emailKey, clientAddress }, now);
  if (limit.limited) {
    return {
      ok: false,
      status: 429,
      code: "rate_limited",
      retryAfterSeconds: limit.retryAfterSeconds,
      message: `Too many failed sign-ins. Try again in ${minutes(limit.retryAfterSeconds)}.`,
    };
  }
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: SignInFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "email" || field === "password") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, status: 400, code: "bad_request", message: "Check the highlighted fields.", fieldErrors };
  }
  const email = normalizeEmail(parsed.data.email);
  const user = await findStaffUserByEmail(email);
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoy()));
  if (!user || !valid) {
    await noteSignInFailure({ email, clientAddress }, now);
    return {
      ok: false,
      status: 401,
      code: "unauthorized",
      message: "That email and password do not match an account.",
    };
  }
  await noteSignInSuccess(email);
  const session = await startStaffSession(user.id, now);
  await recordAuditEvent({
    actorId: user.id,
    action: "staff.sign_in",
    entityType: "staff_user",
    entityId: user.id,
    after: { clientAddress },
  });
  return { ok: true, staffId: user.id, ...session };
}
