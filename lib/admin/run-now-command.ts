// "Run now" on the Sync page, apart from Next.js: which connector, start it (unless one
// is running or it is not configured), and record who started it.
import "server-only";
import { z } from "zod";
import type { Staff } from "@/lib/auth/sessions";
import { connectorNames } from "@/lib/connectors/registry";
import { runConnectorNow } from "@/lib/connectors/run-now";
import type { RunLauncher } from "@/lib/connectors/run";
import type { Env } from "@/lib/env";
import { type Db, db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/db/audit";
import { formFields } from "@/lib/http/form-fields";
import type { RunNowState } from "./run-now-state";

function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.$/, "");
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

export async function runNowCommand(
  staff: Staff,
  formData: unknown,
  options: { config?: Env; launch?: RunLauncher; client?: Db } = {},
): Promise<RunNowState> {
  const names = connectorNames();
  const parsed = z.enum(names as [string, ...string[]]).safeParse(formFields(formData, ["connector"]).connector);
  if (!parsed.success)
    return { status: "refused", message: "There is no such connector. Reload the page and try again." };
  const result = await runConnectorNow(parsed.data, { config: options.config, launch: options.launch });
  if (!result.started) return { status: "refused", message: sentence(result.reason) };
  await recordAuditEvent(
    {
      actorId: staff.id,
      action: "connector.run",
      entityType: "connector",
      entityId: parsed.data,
      after: { runId: result.runId },
    },
    options.client ?? db(),
  );
  return { status: "started", connector: parsed.data, runId: result.runId };
}
