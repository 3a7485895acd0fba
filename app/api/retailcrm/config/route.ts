import { env } from "@/lib/env";
import { retailCrmDisabledMessage, retailCrmFailure, retailCrmSuccess } from "@/lib/integrations/retailcrm/responses";

export const dynamic = "force-dynamic";

/** The module card's "URL for simple connection configuration request". */
export function GET() {
  const config = env();
  if (!config.retailcrm.enabled) return retailCrmFailure(retailCrmDisabledMessage(config.retailcrm.missing));
  return retailCrmSuccess({
    scopes: config.retailcrm.config.scopes,
    registerUrl: `${config.appBaseUrl}/api/retailcrm/register`,
  });
}
