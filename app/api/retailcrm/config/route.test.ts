import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/retailcrm/config", () => {
  it("gives the scopes and the register URL", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      success: true,
      scopes: ["integration_read", "integration_write", "customer_read"],
      registerUrl: "http://localhost:3000/api/retailcrm/register",
    });
  });
});
