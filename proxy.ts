// Runs before the routes that need run-time security headers or a verdict before any
// rendering: the embeddable views, the retailCRM account page and the admin pages.
// Limited by `matcher` so that other routes do not pay for it.
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { gateSureSendRequest } from "@/lib/integrations/suresend/gate";
import { accountProxy } from "@/lib/integrations/retailcrm/account/proxy";
import { gateSocialSignInIframe } from "@/lib/integrations/socialsignin/iframe-gate";
import { gateAdminRequest } from "@/lib/auth/admin-gate";

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === "/widgets/suresend") return gateSureSendRequest(request);
  if (pathname === "/socialsignin/iframe") return gateSocialSignInIframe(request);
  if (pathname === "/retailcrm/account") return accountProxy(request);
  if (pathname === "/admin" || pathname.startsWith("/admin/")) return gateAdminRequest(request);
  return NextResponse.next();
}

export const config = {
  matcher: ["/widgets/:path*", "/socialsignin/:path*", "/retailcrm/account", "/admin", "/admin/:path*"],
};
