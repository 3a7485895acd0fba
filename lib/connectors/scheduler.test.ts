// The server's polling of a connector with several accounts: a look every interval starts a
// run for each account due, without waiting for the runs it started, and never starts a
// second run of an account still syncing.
import { describe, expect, it } from "vitest";
import type { RunLauncher, RunOutcome } from "./run";
import type { Connector } from "./types";
import { scheduleAccounts } from "./scheduler";

function account(id: string): Connector {
  return {
    name: "retailcrm",
    account: { id, name: `https://${id}.retailcrm.ru` },
    unit: { one: "page", many: "pages" },
    summary: [],
    backfill: false,
    plan: () => {
      throw new Error("the launcher of this test does not plan");
    },
  };
}

describe("scheduleAccounts", () => {
  it("starts a newly due account while another's long sync runs, and never two runs of one account", async () => {
    const slow = account("slow");
    const fresh = account("fresh");
    let freshIsDue = false;
    const launched: string[] = [];
    let endSlow = (_outcome: RunOutcome) => {};
    const launch: RunLauncher = async (connector) => {
      const id = connector.account!.id;
      launched.push(id);
      const finished =
        id === "slow"
          ? new Promise<RunOutcome>((resolve) => (endSlow = resolve))
          : Promise.resolve<RunOutcome>({ runId: `run-${id}`, status: "succeeded", error: null });
      return { runId: `run-${id}`, finished };
    };
    const schedule = scheduleAccounts("retailcrm", async () => (freshIsDue ? [slow, fresh] : [slow]), {
      intervalMs: 10,
      firstDelayMs: 0,
      launch,
    });
    await expect.poll(() => launched).toEqual(["slow"]);
    freshIsDue = true;
    await expect.poll(() => launched.filter((id) => id === "fresh").length).toBeGreaterThan(0);
    // The slow account stays due on every look, but its run has not ended: it is not started again.
    expect(launched.filter((id) => id === "slow")).toHaveLength(1);

    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false); // stop() waits for the run in flight
    endSlow({ runId: "run-slow", status: "succeeded", error: null });
    await stopping;
    expect(stopped).toBe(true);
  });
});
