import { handleActivity } from "@/lib/integrations/retailcrm/activity-handler";

export const dynamic = "force-dynamic";

/** retailCRM's callback when an account switches the module on or off, or freezes it. */
export function POST(request: Request) {
  return handleActivity(request);
}
