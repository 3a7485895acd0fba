import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startAccountSession } from "@/lib/integrations/retailcrm/account/session";
import { loadAccountView, type AccountViewModel } from "@/lib/integrations/retailcrm/account/view-model";
import { noticeFor } from "@/lib/integrations/retailcrm/account/notices";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { connectFakeAccount } from "@/tests/support/retailcrm";
import { testSecrets } from "@/tests/support/test-config";
import { databaseUrlOf } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { runConnector } from "@/lib/connectors/run";
import { retailcrmAccountConnectors } from "@/lib/integrations/retailcrm/customers/accounts";
import { AccountMessage, AccountView } from "./account-view";

const apiKey = "ViewKey0123456789abcdef";
let fake: FakeRetailCrm;
let clientId: string;
let view: AccountViewModel;

beforeAll(async () => {
  fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
  clientId = await connectFakeAccount(fake, apiKey);
  const connection = await db().retailCrmConnection.findUniqueOrThrow({ where: { systemUrl: fake.url } });
  view = (await loadAccountView(await startAccountSession(connection.id)))!;
});
afterAll(() => fake.close());

describe("the account page", () => {
  it("shows the status, the account's address and times, and never the API key or client id", () => {
    const html = renderToStaticMarkup(<AccountView view={view} notice={null} />);
    expect(html).toContain(">Connected<");
    expect(html).toContain(fake.url);
    expect(html).toMatch(/<time dateTime="[^"]+">\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC<\/time>/);
    expect(html).toContain("Not synced yet");
    expect(html).toContain('action="/retailcrm/account/disconnect"');
    expect(html).toContain(`name="formToken" value="${view.formToken}"`);
    expect(html).not.toContain(apiKey);
    expect(html).not.toContain(clientId);
  });

  it("shows the last sync: when, what it changed, and why it failed, never the key", async () => {
    const sync = async () => {
      const config = loadEnv({ ...testSecrets, DATABASE_URL: databaseUrlOf(db()) });
      const [connector] = await retailcrmAccountConnectors(config, { account: fake.url });
      return runConnector(connector!, { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    };
    const session = async () => {
      const connection = await db().retailCrmConnection.findUniqueOrThrow({ where: { systemUrl: fake.url } });
      return (await loadAccountView(await startAccountSession(connection.id)))!;
    };
    fake.account.seedCustomers(3);
    expect((await sync()).status).toBe("succeeded");
    const synced = renderToStaticMarkup(<AccountView view={await session()} notice={null} />);
    expect(synced).toContain("Customers synced");
    expect(synced).toContain("3 created");
    expect(synced).not.toContain("Not synced yet");

    fake.revokeApiKey(apiKey);
    expect((await sync()).status).toBe("failed");
    const failed = renderToStaticMarkup(<AccountView view={await session()} notice={null} />);
    expect(failed).toContain("Sync failed");
    expect(failed).toContain("retailCRM refused the API key: it was revoked, or it lacks the customer_read right");
    expect(failed).not.toContain(apiKey);
  });

  it("shows frozen and disconnected connections, the latter without Disconnect", () => {
    expect(renderToStaticMarkup(<AccountView view={{ ...view, status: "frozen" }} notice={null} />)).toContain(
      ">Frozen<",
    );
    const html = renderToStaticMarkup(
      <AccountView view={{ ...view, status: "disconnected" }} notice={noticeFor("done")} />,
    );
    expect(html).toContain(">Disconnected<");
    expect(html).toContain('role="status"');
    expect(html).toContain("CRM Bridge is disconnected from this retailCRM account.");
    expect(html).not.toContain("/retailcrm/account/disconnect");
  });

  it("shows only known notices, as alerts when something failed", () => {
    expect(noticeFor("<script>")).toBeNull();
    expect(noticeFor(["done", "done"])).toBeNull();
    expect(noticeFor("toString")).toBeNull();
    expect(renderToStaticMarkup(<AccountView view={view} notice={noticeFor("timeout")} />)).toContain('role="alert"');
  });

  it("renders messages as text", () => {
    const html = renderToStaticMarkup(<AccountMessage title="<b>t</b>" text="<i>x</i>" />);
    expect(html).toContain("&lt;b&gt;t&lt;/b&gt;");
    expect(html).not.toContain("<i>x</i>");
  });
});
