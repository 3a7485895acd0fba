// The Housing.com leads connector (contract section 5): from the stored cursor (epoch
// seconds of the last committed window's end) up to now, in windows of at most
// HOUSING_WINDOW_SECONDS; --since / --until make a backfill that leaves the cursor alone.
import type { Connector, PlanInput, RunPlan } from "@/lib/connectors/types";
import { splitIntoWindows } from "@/lib/connectors/windows";
import { type HousingClientConfig, describeWindow, fetchLeadsWindow } from "@/lib/integrations/housing/client";
import { importLeads } from "@/lib/integrations/housing/import-leads";

export type HousingConfig = HousingClientConfig & {
  /** where the very first run starts (epoch seconds); default 7 days before it */
  startDate?: number;
  windowSeconds: number;
};

export type HousingConnectorOptions = { timeoutMs?: number; clock?: () => number };

const sevenDays = 7 * 86_400;

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export function housingConnector(config: HousingConfig, options: HousingConnectorOptions = {}): Connector {
  return {
    name: "housing",
    unit: { one: "window", many: "windows" },
    summary: [
      ["windows", "windows"],
      ["fetched", "fetched"],
      ["created", "created"],
      ["updated", "updated"],
      ["skipped", "duplicates skipped"],
      ["contactsCreated", "new contacts"],
      ["contactsMatched", "matched to existing contacts"],
    ],
    backfill: true,
    plan: (input) => planHousingRun(config, options, input),
  };
}

export function housingRange(config: HousingConfig, input: PlanInput): { from: number; to: number; backfill: boolean } {
  const now = Math.floor(input.now.getTime() / 1000);
  const backfill = input.since !== undefined || input.until !== undefined;
  const resume = input.cursor !== null && /^\d+$/.test(input.cursor) ? Number(input.cursor) + 1 : undefined;
  const from = input.since ?? resume ?? config.startDate ?? now - sevenDays;
  const to = Math.min(input.until ?? now, now);
  return { from, to, backfill };
}

function planHousingRun(config: HousingConfig, options: HousingConnectorOptions, input: PlanInput): RunPlan {
  const { from, to, backfill } = housingRange(config, input);
  const windows = splitIntoWindows(from, to, config.windowSeconds);
  let next = 0;
  return {
    range: { start: iso(from), end: iso(to) },
    advancesCursor: !backfill,
    totalUnits: windows.length,
    pullNext: async (signal) => {
      const window = windows[next];
      if (window === undefined) return null;
      const leads = await fetchLeadsWindow(config, window, { signal, timeoutMs: options.timeoutMs, clock: options.clock });
      next++;
      return {
        label: describeWindow(window),
        fetched: leads.length,
        cursor: String(window.end),
        save: (context) => importLeads(context, leads),
      };
    },
  };
}
