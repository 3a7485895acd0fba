// The signed-in staff member of the current request, for pages, server actions and
// route handlers. Each of them checks for itself: proxy.ts only redirects visitors
// without any cookie, as a convenience.
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect, unauthorized } from "next/navigation";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { recordAuditEvent } from "@/lib/db/audit";
import { sessionCookieName, sessionCookieOptions } from "./session-cookie";
import { endStaffSession, resolveStaffSession, type Staff } from "./sessions";
import { safeNextPath } from "./next-path";

/** The session cookie's value on this request. */
export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName(env().appBaseUrl))?.value;
}

/** Resolved once per request, however many components ask. */
export const currentStaff = cache(async (): Promise<Staff | null> => resolveStaffSession(await sessionToken()));

/** For pages: the staff member, or a redirect to the sign-in page that comes back here. */
export async function requireStaff(returnTo?: string): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(returnTo ? `/admin/login?next=${encodeURIComponent(safeNextPath(returnTo))}` : "/admin/login");
  return staff;
}

/** For server actions: the staff member, or a 401 response (the action does nothing). */
export async function requireStaffForAction(): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) unauthorized();
  return staff;
}

/** For route handlers: the staff member, or an AppError that the handler renders as 401. */
export async function requireStaffForRoute(): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) throw new AppError("unauthorized", 401, "Sign in to CRM Bridge to do this.");
  return staff;
}

/** Ends this request's session: the database row, the cookie, and an audit event. */
export async function signOutCurrentStaff(): Promise<void> {
  const token = await sessionToken();
  const userId = await endStaffSession(token);
  const { appBaseUrl } = env();
  (await cookies()).set(sessionCookieName(appBaseUrl), "", sessionCookieOptions(appBaseUrl, 0));
  if (userId)
    await recordAuditEvent({ actorId: userId, action: "staff.sign_out", entityType: "staff_user", entityId: userId });
}
