import { describe, expect, it } from "vitest";
import { createLogger, redactText, redactValue, redacted } from "./log";

/** A logger whose JSON lines are collected, parsed. */
function capture(options: { stacks?: boolean } = {}) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: "info",
    pretty: false,
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    ...options,
  });
  return { log, lines };
}

describe("the logger", () => {
  it("writes one JSON line per event, with the child's fields", () => {
    const { log, lines } = capture();
    log.child({ connector: "housing", runId: "r1" }).info({ event: "run.started", range: null }, "housing run started");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      connector: "housing",
      runId: "r1",
      event: "run.started",
      msg: "housing run started",
      pid: process.pid,
    });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("masks the contract's secret keys at any depth, and secret parameters inside strings", () => {
    const { log, lines } = capture();
    log.info(
      {
        sig: "s1",
        signature: "s2",
        hash: "h",
        token: "t",
        apiKey: "k1",
        api_key: "k2",
        context: { email: "a@example.com" },
        password: "pw",
        request: {
          headers: { "X-API-KEY": "k3", Authorization: "Bearer abc" },
          url: "https://h.example/leads?start_date=1&hash=deadbeef&id=7",
        },
        list: [{ token: "t2" }],
        count: 3,
      },
      "asked https://h.example/x?token=abc&page=2",
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ["s1", "s2", '"h"', '"t"', "k1", "k2", "a@example.com", "pw", "k3", "abc", "deadbeef", "t2"]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      sig: redacted,
      context: redacted,
      count: 3,
      request: { url: `https://h.example/leads?start_date=1&hash=${redacted}&id=7` },
      msg: `asked https://h.example/x?token=${redacted}&page=2`,
    });
  });

  it("shows an error's message and code, and its stack only when asked", () => {
    const error = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const plain = capture();
    plain.log.error({ err: error }, "failed");
    expect(plain.lines[0]!.err).toEqual({
      type: "Error",
      message: "connect ECONNREFUSED 127.0.0.1:5432",
      code: "ECONNREFUSED",
    });
    const debug = capture({ stacks: true });
    debug.log.error({ err: error }, "failed");
    expect((debug.lines[0]!.err as { stack: string }).stack).toContain("log.test.ts");
  });

  it("redacts values, not the shape", () => {
    expect(redactValue({ a: [1, "x?sig=1"], b: null, token: null })).toEqual({
      a: [1, `x?sig=${redacted}`],
      b: null,
      token: null,
    });
    expect(redactText("Authorization: Bearer eyJhbGci")).toBe(`Authorization: Bearer ${redacted}`);
  });
});
