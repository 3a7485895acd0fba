"use client";
// "Run now" for one connector, with what happened said beside the button.
import { useActionState } from "react";
import Link from "next/link";
import { idleRunNow, type RunNowState } from "@/lib/admin/run-now-state";
import { buttonPrimary, link } from "@/components/ui/styles";

type Action = (state: RunNowState, formData: FormData) => Promise<RunNowState>;

export function RunNowButton({ connector, label, action, disabled }: { connector: string; label: string; action: Action; disabled: boolean }) {
  const [state, formAction, pending] = useActionState(action, idleRunNow);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="connector" value={connector} />
      <button type="submit" className={buttonPrimary} disabled={disabled || pending} aria-label={`Run ${label} now`}>
        {pending ? "Starting…" : "Run now"}
      </button>
      <p role="status" className="text-sm" data-testid={`run-now-${connector}`}>
        {state.status === "started" ? (
          <span className="text-green-800 dark:text-green-300">
            Started.{" "}
            <Link href="/admin/sync" className={link}>
              Refresh
            </Link>{" "}
            to follow it.
          </span>
        ) : state.status === "refused" ? (
          <span className="text-red-700 dark:text-red-300">{state.message}</span>
        ) : null}
      </p>
    </form>
  );
}
