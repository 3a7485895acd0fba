"use server";
// The Sync page's "Run now". A public POST endpoint like every server action: it checks
// the session itself (401 without one).
import { revalidatePath } from "next/cache";
import { requireStaffForAction } from "@/lib/auth/current-staff";
import { runNowCommand } from "@/lib/admin/run-now-command";
import type { RunNowState } from "@/lib/admin/run-now-state";

export async function runNow(_previous: RunNowState, formData: FormData): Promise<RunNowState> {
  const staff = await requireStaffForAction();
  const state = await runNowCommand(staff, formData);
  revalidatePath("/admin/sync");
  return state;
}
