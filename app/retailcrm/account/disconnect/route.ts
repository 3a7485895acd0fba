import { handleDisconnect } from "@/lib/integrations/retailcrm/account/disconnect-handler";

export const dynamic = "force-dynamic";

/** The account page's Disconnect button. */
export function POST(request: Request) {
  return handleDisconnect(request);
}
