// Without its secret the widget is disabled: it says so, with the status and code of the
// contract, and the rest of the app keeps working.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { gateSureSendRequest } from "./gate";
import { GET as health } from "@/app/api/health/route";

delete process.env.SURESEND_WIDGET_SECRET;
delete process.env.SURESEND_WIDGET_SECRET_PREVIOUS;

describe("Sure Send widget without SURESEND_WIDGET_SECRET", () => {
  it("answers 503 integration_disabled naming the variable, framed as configured", async () => {
    const response = gateSureSendRequest(new NextRequest("http://localhost/widgets/suresend?context=a&signature=b"));
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toContain('data-error-code="integration_disabled"');
    expect(body).toContain("SURESEND_WIDGET_SECRET");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors https://app.suresend.ai");
  });

  it("leaves the rest of the app working", async () => {
    expect((await health()).status).toBe(200);
  });
});
