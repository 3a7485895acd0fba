import { describe, expect, it } from "vitest";
import { closeSqlFor, sqlFor } from "@/lib/db/driver";
import { isDatabaseReachable } from "@/lib/db/health";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("answers ok when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("reports an unreachable database instead of throwing", async () => {
    const url = "postgresql://nobody:nothing@127.0.0.1:9/none?connect_timeout=2";
    expect(await isDatabaseReachable(() => sqlFor(url))).toBe(false);
    await closeSqlFor(url);
  });
});
