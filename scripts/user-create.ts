// npm run user:create -- --email <e>
// Reads the password from stdin when one line is piped in; otherwise generates one and prints it.
// For an email that already has a user, it resets that user's password, and says so.
import "./load-env";
import { parseArgs } from "node:util";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { findStaffUserByEmail, upsertStaffUser } from "@/lib/db/staff-users";
import { generatePassword } from "@/lib/auth/password";

async function readPipedLine(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0]?.trim();
  return line ? line : undefined;
}

const { values } = parseArgs({ options: { email: { type: "string" } } });
const email = z.email().safeParse(values.email?.trim());
if (!email.success) {
  console.error("usage: npm run user:create -- --email <email>   (a valid email is required)");
  process.exit(2);
}
const piped = await readPipedLine();
if (piped !== undefined && piped.length < 10) {
  console.error("the password must be at least 10 characters");
  process.exit(2);
}
const password = piped ?? generatePassword();
const existed = (await findStaffUserByEmail(email.data)) !== null;
const user = await upsertStaffUser(email.data, password);
console.log(existed ? `staff user ${user.email} exists: its password was reset` : `staff user ${user.email} created`);
if (piped === undefined) console.log(`password: ${password}`);
await db().$disconnect();
