// The admin pages' front door: what it lets through, with which policy. (Its outage page is
// tested with a database taken away in tests/outages/.)
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { errorPageStyleSource } from "@/lib/http/html";
import { gateAdminRequest } from "./admin-gate";

const csp = (response: Response) => response.headers.get("content-security-policy") ?? "";

describe("gateAdminRequest", () => {
  it("sends a page visit without a session cookie to the sign-in page, unframeable", async () => {
    const response = await gateAdminRequest(new NextRequest("http://localhost/admin/contacts?q=a"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost/admin/login?next=%2Fadmin%2Fcontacts%3Fq%3Da");
    expect(csp(response)).toContain("frame-ancestors 'none'");
  });

  it("lets a form post to a route handler through with a policy that allows the error page's style", async () => {
    const response = await gateAdminRequest(
      new NextRequest("http://localhost/admin/login/session", { method: "POST", body: "email=a" }),
    );
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(csp(response)).toContain(`style-src 'self' ${errorPageStyleSource}`);
    expect(csp(response)).toContain("frame-ancestors 'none'");
  });

  it("allows no inline style on a page visit", async () => {
    const response = await gateAdminRequest(new NextRequest("http://localhost/admin/login"));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(csp(response)).not.toContain("sha256-");
  });
});
