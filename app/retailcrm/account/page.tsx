import type { Metadata } from "next";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { accountCookieName } from "@/lib/integrations/retailcrm/account/session";
import { loadAccountView } from "@/lib/integrations/retailcrm/account/view-model";
import { noticeFor } from "@/lib/integrations/retailcrm/account/notices";
import { retailCrmDisabledMessage } from "@/lib/integrations/retailcrm/responses";
import { AccountView, AccountMessage } from "@/components/retailcrm/account-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "retailCRM account", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The module's account page, opened by retailCRM through POST /retailcrm/account. */
export default async function RetailCrmAccountPage({ searchParams }: Props) {
  const config = env();
  if (!config.retailcrm.enabled) {
    return <AccountMessage title="The retailCRM module is not configured" text={retailCrmDisabledMessage(config.retailcrm.missing)} />;
  }
  const [cookieStore, params] = await Promise.all([cookies(), searchParams]);
  const view = await loadAccountView(cookieStore.get(accountCookieName(config.appBaseUrl))?.value);
  if (!view) {
    return (
      <AccountMessage
        title="Your session has ended"
        text="Open CRM Bridge again from your retailCRM account (Marketplace → CRM Bridge) to see this page."
      />
    );
  }
  return <AccountView view={view} notice={noticeFor(params.disconnect)} />;
}
