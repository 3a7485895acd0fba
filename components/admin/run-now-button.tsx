"use client";
// "Run now" for one connector, with what happened said beside the button.
import { type ReactNode, useActionState } from "react";
import { idleRunNow, type RunNowState } from "@/lib/admin/run-now-state";
import { buttonPrimary } from "@/components/ui/styles";

type Action = (state: RunNowState, formData: FormData) => Promise<RunNowState>;

type Props = {
  connector: string;
  label: string;
  action: Action;
  /** why it cannot run (e.g. the variables to set), shown beside the disabled button; null when it can */
  disabledReason: ReactNode | null;
};

export function RunNowButton({ connector, label, action, disabledReason }: Props) {
  const [state, formAction, pending] = useActionState(action, idleRunNow);
  const reasonId = `run-now-reason-${connector}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="connector" value={connector} />
      <button
        type="submit"
        className={buttonPrimary}
        disabled={disabledReason !== null || pending}
        aria-label={`Run ${label} now`}
        aria-describedby={disabledReason !== null ? reasonId : undefined}
      >
        {pending ? "Starting…" : "Run now"}
      </button>
      {disabledReason !== null ? (
        <p
          id={reasonId}
          className="text-sm text-gray-600 dark:text-gray-400"
          data-testid={`run-now-reason-${connector}`}
        >
          {disabledReason}
        </p>
      ) : null}
      <p role="status" className="text-sm" data-testid={`run-now-${connector}`}>
        {state.status === "started" ? (
          <span className="text-green-800 dark:text-green-300">Started. This page follows it until it ends.</span>
        ) : state.status === "refused" ? (
          <span className="text-red-700 dark:text-red-300">{state.message}</span>
        ) : null}
      </p>
    </form>
  );
}
