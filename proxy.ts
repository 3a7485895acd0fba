// Runs before the routes that need run-time security headers or a verdict before any
// rendering: the embeddable views and the retailCRM account page. Limited by `matcher`
// so that other routes do not pay for it.
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { gateSureSendRequest } from "@/lib/integrations/suresend/gate";
import { accountProxy } from "@/lib/integrations/retailcrm/account/proxy";
import { gateSocialSignInIframe } from "@/lib/integrations/socialsignin/iframe-gate";

export async function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === "/widgets/suresend") return gateSureSendRequest(request);
  if (request.nextUrl.pathname === "/socialsignin/iframe") return gateSocialSignInIframe(request);
  if (request.nextUrl.pathname === "/retailcrm/account") return accountProxy(request);
  return NextResponse.next();
}

export const config = { matcher: ["/widgets/:path*", "/socialsignin/:path*", "/retailcrm/account"] };
