"use server";
// Actions of every admin page (the header's sign-out button).
import { redirect } from "next/navigation";
import { requireStaffForAction, signOutCurrentStaff } from "@/lib/auth/current-staff";

export async function signOut(): Promise<void> {
  await requireStaffForAction();
  await signOutCurrentStaff();
  redirect("/admin/login?signedOut=1");
}
