// What "Run now" answers, for the Sync page's button (a client island: plain types only).
export type RunNowState =
  { status: "idle" } | { status: "started"; connector: string; runId: string } | { status: "refused"; message: string };

export const idleRunNow: RunNowState = { status: "idle" };
