import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { readRequestFields } from "./request-body";

function post(body: BodyInit, contentType?: string): Request {
  return new Request("http://localhost/x", {
    method: "POST",
    body,
    headers: contentType ? { "content-type": contentType } : {},
  });
}

async function refusal(promise: Promise<unknown>): Promise<[string, number]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error("expected an AppError");
  return [error.code, error.status];
}

describe("readRequestFields", () => {
  it("reads urlencoded fields, keeping every value of a repeated name", async () => {
    const result = await readRequestFields(post("a=1&b=x+y&a=2&c=%26", "application/x-www-form-urlencoded"));
    expect(result).toEqual({
      kind: "form",
      fields: new Map([
        ["a", ["1", "2"]],
        ["b", ["x y"]],
        ["c", ["&"]],
      ]),
    });
  });

  it("reads a body without a content type as a form", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: "clientId=abc" });
    request.headers.delete("content-type");
    expect(await readRequestFields(request)).toEqual({ kind: "form", fields: new Map([["clientId", ["abc"]]]) });
  });

  it("reads multipart form data", async () => {
    const form = new FormData();
    form.append("register[apiKey]", "k");
    const request = new Request("http://localhost/x", { method: "POST", body: form });
    expect(await readRequestFields(request)).toEqual({ kind: "form", fields: new Map([["register[apiKey]", ["k"]]]) });
  });

  it("reads JSON, and refuses malformed JSON with 400", async () => {
    expect(await readRequestFields(post('{"register":{"a":1}}', "application/json; charset=utf-8"))).toEqual({
      kind: "json",
      value: { register: { a: 1 } },
    });
    expect(await refusal(readRequestFields(post("{nope", "application/json")))).toEqual(["bad_request", 400]);
  });

  it("refuses a body over the limit with 413, whether or not its length was declared", async () => {
    const big = "a=" + "x".repeat(2000);
    expect(await refusal(readRequestFields(post(big, "application/x-www-form-urlencoded"), 1000))).toEqual([
      "payload_too_large",
      413,
    ]);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode("x".repeat(400)));
        controller.close();
      },
    });
    const undeclared = new Request("http://localhost/x", {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(undeclared.headers.get("content-length")).toBeNull();
    expect(await refusal(readRequestFields(undeclared, 1000))).toEqual(["payload_too_large", 413]);
  });
});
