// What the account page says after Disconnect. The outcome travels in the redirect's
// query as a code, never as text, so nobody can make the page say something else.
import type { EditFailureReason } from "../edit-module-client";

export type DisconnectOutcome = "done" | "key_unreadable" | Exclude<EditFailureReason, "rejected_key">;
export type Notice = { tone: "success" | "error"; text: string };

const notices: Record<DisconnectOutcome, Notice> = {
  done: { tone: "success", text: "CRM Bridge is disconnected from this retailCRM account." },
  key_unreadable: {
    tone: "error",
    text: "CRM Bridge is disconnected here, but could not tell your retailCRM account. Remove the module in the retailCRM Marketplace as well.",
  },
  unreachable: {
    tone: "error",
    text: "Your retailCRM account could not be reached, so nothing was changed. Please try again.",
  },
  timeout: {
    tone: "error",
    text: "Your retailCRM account did not answer in time, so nothing was changed. Please try again.",
  },
  system_error: {
    tone: "error",
    text: "Your retailCRM account refused the change, so nothing was changed. Please try again later.",
  },
  bad_response: {
    tone: "error",
    text: "Your retailCRM account gave an unexpected answer, so nothing was changed. Please try again later.",
  },
};

export function noticeFor(outcome: string | string[] | undefined): Notice | null {
  return typeof outcome === "string" && Object.hasOwn(notices, outcome) ? notices[outcome as DisconnectOutcome] : null;
}
