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
    return (
      <AccountMessage
        title="The retailCRM module is not configured"
        text={retailCrmDisabledMessage(config.retailcrm.missing)}
      />
    );
  }
  const [cookieStore, params] = await Promise.all([cookies(), searchParams]);
  const session = cookieStore.get(accountCookieName(config.appBaseUrl))?.value;
  const view = await loadAccountView(session);
  if (!view) {
    // Someone who never had a session did not lose one: tell them where the page lives.
    return session === undefined ? (
      <AccountMessage
        title="Open this page from retailCRM"
        text="This is the CRM Bridge page of a retailCRM account. Open it from your retailCRM account (Marketplace → CRM Bridge)."
      />
    ) : (
      <AccountMessage
        title="Your session has ended"
        text="Open CRM Bridge again from your retailCRM account (Marketplace → CRM Bridge) to see this page."
      />
    );
  }
  return <AccountView view={view} notice={noticeFor(params.disconnect)} />;
}
