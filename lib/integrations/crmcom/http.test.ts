import { describe, expect, it } from "vitest";
import { peerMessage, scrub } from "./http";

describe("CRM.COM error bodies", () => {
  it("shows CRM.COM's error code and message, nothing else", () => {
    expect(peerMessage(JSON.stringify({ error: "FORBIDDEN", message: "No access" }), [])).toBe(
      " (CRM.COM says: FORBIDDEN: No access)",
    );
    expect(peerMessage(JSON.stringify({ code: 4011, message: "Token expired" }), [])).toBe(
      " (CRM.COM says: 4011: Token expired)",
    );
    expect(peerMessage(JSON.stringify({ message: "Only a message" }), [])).toBe(" (CRM.COM says: Only a message)");
    expect(peerMessage(JSON.stringify({ access_token: "at-1" }), [])).toBe("");
    expect(peerMessage("<html>502 Bad Gateway</html>", [])).toBe("");
    expect(peerMessage("null", [])).toBe("");
  });

  it("never repeats a secret", () => {
    expect(
      peerMessage(JSON.stringify({ message: "key sk-1 and token at-2 refused" }), ["sk-1", undefined, "at-2"]),
    ).toBe(" (CRM.COM says: key [redacted] and token [redacted] refused)");
    expect(scrub("a sk-1 b sk-1", ["sk-1", ""])).toBe("a [redacted] b [redacted]");
  });
});
