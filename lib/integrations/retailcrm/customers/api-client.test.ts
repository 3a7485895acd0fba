import { describe, expect, it } from "vitest";
import { ConnectorError, RetryableError } from "@/lib/connectors/errors";
import { classify } from "./api-client";

const key = "secret-key-123";
const thrown = (status: number, body: string, retryAfter: string | null = null) => {
  try {
    classify(status, retryAfter, body, key);
  } catch (error) {
    return error;
  }
  throw new Error("classify did not throw");
};

describe("classify", () => {
  it("passes a success through", () => {
    expect(classify(200, null, '{"success":true,"customers":[]}', key)).toEqual({ success: true, customers: [] });
  });

  it("retries the rate limit's 503 (an HTML page, no Retry-After), 429 and other 5xx, honouring Retry-After", () => {
    const limited = thrown(503, "<html><title>503 Service Temporarily Unavailable</title></html>");
    expect(limited).toBeInstanceOf(RetryableError);
    expect((limited as RetryableError).message).toBe(
      "retailCRM answered 503: busy or over its limit of 10 requests a second",
    );
    expect((thrown(429, "", "3") as RetryableError).retryAfterMs).toBe(3000);
    expect(thrown(500, '{"success":false,"errorMsg":"Internal error"}')).toMatchObject({
      message: "retailCRM answered 500 (retailCRM says: Internal error)",
    });
  });

  it("fails on a refused key (403, 401, or success:false about the key), quoting the platform without the key", () => {
    const revoked = thrown(403, '{"success":false,"errorMsg":"Wrong \\"apiKey\\" value."}');
    expect(revoked).toBeInstanceOf(ConnectorError);
    expect(revoked).toMatchObject({ code: "unauthorized" });
    expect((revoked as Error).message).toContain('(retailCRM says: Wrong "apiKey" value.)');
    expect(thrown(401, "")).toMatchObject({ code: "unauthorized" });
    const echoed = thrown(200, `{"success":false,"errorMsg":"Wrong apiKey ${key}"}`) as Error;
    expect(echoed).toMatchObject({ code: "unauthorized" });
    expect(echoed.message).not.toContain(key);
    expect(echoed.message).toContain("[API key]");
  });

  it("fails on anything else unexpected, with the platform's errors listed", () => {
    const invalid = thrown(
      400,
      '{"success":false,"errorMsg":"Errors in the input parameters","errors":{"limit":"not a valid choice"}}',
    );
    expect(invalid).toMatchObject({
      code: "bad_response",
      message:
        "retailCRM answered 400 without the expected JSON (retailCRM says: Errors in the input parameters; limit: not a valid choice)",
    });
    expect(thrown(200, "<html>login</html>")).toMatchObject({ code: "bad_response" });
    expect(thrown(302, "")).toMatchObject({ code: "bad_response" });
  });
});
