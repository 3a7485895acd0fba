import { handleStartSession } from "@/lib/integrations/retailcrm/account/start-session-handler";

export const dynamic = "force-dynamic";

/** POST /retailcrm/account (rewritten here by proxy.ts): retailCRM opens the account page with a clientId. */
export function POST(request: Request) {
  return handleStartSession(request);
}
