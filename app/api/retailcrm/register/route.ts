import { handleRegister } from "@/lib/integrations/retailcrm/register-handler";

export const dynamic = "force-dynamic";

/** The connection request retailCRM sends when a user presses "Connect". */
export function POST(request: Request) {
  return handleRegister(request);
}
