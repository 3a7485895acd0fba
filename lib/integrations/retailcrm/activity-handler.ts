// POST /api/retailcrm/activity: retailCRM tells the module that an account switched it
// on or off, or froze it (unpaid). Form fields clientId, systemUrl and activity (JSON
// {"active":bool,"freeze":bool}); answered in retailCRM's format.
import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { duplicateParameter } from "@/lib/http/query";
import { readRequestFields, type RequestFields } from "@/lib/http/request-body";
import { findRetailCrmConnectionByClientId, recordRetailCrmActivity } from "@/lib/db/retailcrm-connections";
import { retailCrmDisabledMessage, retailCrmFailure, retailCrmRefusal, retailCrmSuccess } from "./responses";
import { logger } from "@/lib/log";

const activitySchema = z.object({
  clientId: z
    .string({ error: "clientId is missing." })
    .trim()
    .min(1, "clientId is missing.")
    .max(200, "clientId is not valid."),
  systemUrl: z.string().trim().optional(),
  activity: z.preprocess(
    (value) => {
      if (typeof value !== "string") return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    },
    z.object(
      {
        active: z.boolean({ error: "activity.active must be true or false." }),
        freeze: z.boolean({ error: "activity.freeze must be true or false." }).optional(),
      },
      {
        error: (issue) =>
          issue.input === undefined ? "activity is missing." : 'activity must be JSON {"active":…,"freeze":…}.',
      },
    ),
  ),
});

function fieldsOf(body: RequestFields): Record<string, unknown> | string {
  if (body.kind === "json") {
    return typeof body.value === "object" && body.value !== null
      ? (body.value as Record<string, unknown>)
      : "The body must be an object.";
  }
  const object: Record<string, unknown> = {};
  for (const [name, values] of body.fields) {
    if (values.length > 1) return duplicateParameter(name, values.length).message;
    object[name] = values[0];
  }
  return object;
}

function sameOrigin(a: string, b: string): boolean {
  return URL.canParse(a) && new URL(a).origin === b;
}

export async function handleActivity(request: Request): Promise<Response> {
  const config = env();
  if (!config.retailcrm.enabled) return retailCrmFailure(retailCrmDisabledMessage(config.retailcrm.missing));
  try {
    const fields = fieldsOf(await readRequestFields(request));
    if (typeof fields === "string") return retailCrmFailure(fields);
    const parsed = activitySchema.safeParse(fields);
    if (!parsed.success) return retailCrmFailure(parsed.error.issues[0]?.message ?? "The request is not valid.");
    const { clientId, systemUrl, activity } = parsed.data;
    const connection = await findRetailCrmConnectionByClientId(clientId);
    // The client id is the credential; a system URL that names another account is refused too.
    if (!connection || (systemUrl && !sameOrigin(systemUrl, connection.systemUrl))) {
      return retailCrmFailure(
        "No CRM Bridge connection has this clientId. Connect the module again from the Marketplace.",
      );
    }
    await recordRetailCrmActivity(clientId, { active: activity.active, frozen: activity.freeze ?? false });
    return retailCrmSuccess();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return retailCrmRefusal(error);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    logger().error({ event: "retailcrm.activity_failed", reason }, `retailCRM activity failed: ${reason}`);
    return retailCrmFailure("CRM Bridge could not record the module's state. Please try again.");
  }
}
