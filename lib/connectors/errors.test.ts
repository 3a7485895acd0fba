import { describe, expect, it } from "vitest";
import { ConnectorError, RetryableError, describeError } from "./errors";

describe("describeError", () => {
  it("gives one line: the code first, then what happened", () => {
    expect(describeError(new ConnectorError("unauthorized", "Housing.com refused the key"))).toBe(
      "unauthorized: Housing.com refused the key",
    );
    expect(describeError(new RetryableError("database: ECONNREFUSED (gave up after 5 attempts)"))).toBe(
      "unavailable: database: ECONNREFUSED (gave up after 5 attempts)",
    );
    expect(
      describeError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe("unavailable: database: ECONNREFUSED");
    const prisma = Object.assign(
      new Error(
        "\nInvalid `client.connectorState.findUnique()` invocation in\n/app/lib/db/connector-state.ts:13:32\n\n→ 13   return client.connectorState.findUnique(\nThe table `main.ConnectorState` does not exist in the current database.",
      ),
      { name: "PrismaClientKnownRequestError", code: "P2021" },
    );
    expect(describeError(prisma)).toBe("The table `main.ConnectorState` does not exist in the current database.");
    expect(describeError(new Error("first\n  second"))).toBe("first second");
  });
});
