// The sign-in form as the route handler receives it: URL-encoded, small, each field once.
import "server-only";
import { AppError } from "@/lib/http/errors";

/** Far more than an email, a password and a return path need. */
const maxBodyBytes = 16 * 1024;

export type SignInForm = { email: string | undefined; password: string | undefined; next: string | undefined };

async function readLimited(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", 413, "The sign-in form is larger than 16 KiB.");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readSignInForm(request: Request): Promise<SignInForm> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new AppError("bad_request", 415, "Send the sign-in form as application/x-www-form-urlencoded.");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBodyBytes) throw new AppError("payload_too_large", 413, "The sign-in form is larger than 16 KiB.");
  const params = new URLSearchParams(await readLimited(request.body));
  const one = (name: string) => {
    const all = params.getAll(name);
    if (all.length > 1)
      throw new AppError("duplicate_parameter", 400, `The field "${name}" appears ${all.length} times; send it once.`);
    return all[0];
  };
  return { email: one("email"), password: one("password"), next: one("next") };
}
