import { describe, expect, it } from "vitest";
import { buildIntegrationModule, newClientId } from "./module-payload";

describe("buildIntegrationModule", () => {
  it("builds the contract's integrationModule", () => {
    const config = { moduleCode: "crm-bridge", moduleName: "CRM Bridge", logoUrl: "https://crm.example.com/logo.svg" };
    expect(buildIntegrationModule(config, "https://crm.example.com", "client-1", true)).toEqual({
      code: "crm-bridge",
      integrationCode: "crm-bridge",
      active: true,
      name: "CRM Bridge",
      logo: "https://crm.example.com/logo.svg",
      clientId: "client-1",
      baseUrl: "https://crm.example.com",
      accountUrl: "https://crm.example.com/retailcrm/account",
      actions: { activity: "/api/retailcrm/activity" },
    });
    expect(buildIntegrationModule(config, "https://crm.example.com", "client-1", false).active).toBe(false);
  });
});

describe("newClientId", () => {
  it("is URL-safe, at least 128 bits, and new each time", () => {
    const id = newClientId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes
    expect(newClientId()).not.toBe(id);
  });
});
