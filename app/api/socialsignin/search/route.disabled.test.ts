// With SOCIALSIGNIN_SECRET unset the integration is disabled: the route answers 503
// naming the variable, and the rest of the configuration still loads.
import { afterEach, expect, it, vi } from "vitest";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

it("answers 503 integration_disabled naming SOCIALSIGNIN_SECRET", async () => {
  delete process.env.SOCIALSIGNIN_SECRET;
  delete process.env.SOCIALSIGNIN_SECRET_PREVIOUS;
  vi.resetModules(); // a fresh lib/env.ts, which reads the environment again
  const { GET } = await import("./route");
  const query = signSocialSignInQuery(
    [
      ["q", "anything"],
      ["expires", String(Math.floor(Date.now() / 1000) + 60)],
    ],
    "test-socialsignin-secret",
  );
  const response = await GET(new Request(`http://localhost/api/socialsignin/search?${query}`));
  expect(response.status).toBe(503);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("integration_disabled");
  expect(body.error.message).toContain("SOCIALSIGNIN_SECRET");
});
