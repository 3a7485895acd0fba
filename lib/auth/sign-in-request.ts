// The sign-in form as the route handler receives it: URL-encoded, small, each field once.
import "server-only";
import { AppError } from "@/lib/http/errors";
import { countInParams, duplicateIn } from "@/lib/http/query";
import { readBodyBytes } from "@/lib/http/request-body";

/** Far more than an email, a password and a return path need. */
const maxBodyBytes = 16 * 1024;

const fields = ["email", "password", "next"] as const;

export type SignInForm = { email: string | undefined; password: string | undefined; next: string | undefined };

export async function readSignInForm(request: Request): Promise<SignInForm> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new AppError("bad_request", 415, "Send the sign-in form as application/x-www-form-urlencoded.");
  }
  const params = new URLSearchParams(new TextDecoder().decode(await readBodyBytes(request, maxBodyBytes)));
  const duplicate = duplicateIn(fields, countInParams(params));
  if (duplicate) throw duplicate;
  const value = (name: (typeof fields)[number]) => params.get(name) ?? undefined;
  return { email: value("email"), password: value("password"), next: value("next") };
}
