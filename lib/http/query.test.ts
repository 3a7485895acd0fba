import { describe, expect, it } from "vitest";
import { countInParams, duplicateIn, duplicateParameter, maxQueryBytes, queryTooLong } from "./query";

describe("queryTooLong", () => {
  it("lets 16 KiB through and refuses a byte more with 414 uri_too_long, counting UTF-8 bytes", () => {
    expect(queryTooLong("a".repeat(maxQueryBytes))).toBeNull();
    expect(queryTooLong("a".repeat(maxQueryBytes + 1))).toMatchObject({ code: "uri_too_long", status: 414 });
    // 8,193 two-byte characters: fewer characters than the limit, more bytes
    expect(queryTooLong("é".repeat(maxQueryBytes / 2 + 1))).toMatchObject({ code: "uri_too_long" });
  });
});

describe("duplicateIn", () => {
  it("names the first of the names sent more than once, and how often", () => {
    const params = new URLSearchParams("a=1&b=2&b=3&c=4&c=5&c=6");
    const refusal = duplicateIn(["a", "c", "b"], countInParams(params));
    expect(refusal).toMatchObject({ code: "duplicate_parameter", status: 400 });
    expect(refusal?.message).toBe('The parameter "c" appears 3 times; send it once.');
  });

  it("is null when each name is sent at most once, empty values included", () => {
    expect(duplicateIn(["a", "b", "missing"], countInParams(new URLSearchParams("a=&b=1&other=1&other=2")))).toBeNull();
  });

  it("is the same refusal for forms as for queries", () => {
    const fields = new Map([["clientId", ["x", "y"]]]);
    expect(duplicateIn(["clientId"], (name) => fields.get(name)?.length ?? 0)).toEqual(
      duplicateParameter("clientId", 2),
    );
  });
});
