import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { retryWhileLocked } from "@/lib/db/locked-writes";
import { normalizeEmail } from "@/lib/contacts/normalize";
import { hashPassword } from "@/lib/auth/password";

/** Creates a staff user, or sets the password of the existing one with that email. */
export async function upsertStaffUser(email: string, password: string, client: Db = db()) {
  const passwordHash = await hashPassword(password);
  const key = normalizeEmail(email);
  return retryWhileLocked(() =>
    client.staffUser.upsert({
      where: { email: key },
      create: { email: key, passwordHash },
      update: { passwordHash },
      select: { id: true, email: true },
    }),
  );
}

export async function findStaffUserByEmail(email: string, client: Db = db()) {
  return client.staffUser.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, passwordHash: true },
  });
}
