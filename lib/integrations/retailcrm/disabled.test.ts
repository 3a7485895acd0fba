import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formRequest, signedRegister } from "@/tests/support/retailcrm";

// Without RETAILCRM_SECRET the module is disabled: fresh modules read the changed environment.
beforeAll(() => {
  vi.stubEnv("RETAILCRM_SECRET", "");
  vi.resetModules();
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const expected = {
  success: false,
  errorMsg: "The retailCRM module of CRM Bridge is not configured: set RETAILCRM_SECRET on the CRM Bridge server.",
};

describe("retailCRM endpoints when the module is not configured", () => {
  it("answer in retailCRM's format, naming the missing variable", async () => {
    const config = await import("@/app/api/retailcrm/config/route");
    const register = await import("@/app/api/retailcrm/register/route");
    const activity = await import("@/app/api/retailcrm/activity/route");
    const responses = [
      config.GET(),
      await register.POST(signedRegister("https://demo.retailcrm.ru", "k")),
      await activity.POST(
        formRequest("http://localhost:3000/api/retailcrm/activity", { clientId: "c", activity: "{}" }),
      ),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(expected);
    }
  });

  it("show the account routes' visitors a page naming the missing variable", async () => {
    const session = await import("@/app/retailcrm/account/session/route");
    const disconnect = await import("@/app/retailcrm/account/disconnect/route");
    for (const response of [
      await session.POST(formRequest("http://localhost:3000/retailcrm/account", { clientId: "c" })),
      await disconnect.POST(formRequest("http://localhost:3000/retailcrm/account/disconnect", {})),
    ]) {
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain('data-error-code="integration_disabled"');
      expect(html).toContain("set RETAILCRM_SECRET to enable it");
    }
  });
});
