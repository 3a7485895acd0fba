// The Housing.com leads connector (contract section 5): from the stored cursor (epoch
// seconds of the last committed window's end), less HOUSING_OVERLAP_SECONDS for leads
// Housing.com publishes late, up to now, in windows of at most HOUSING_WINDOW_SECONDS;
// --since / --until make a backfill that leaves the cursor alone.
//
// Housing.com answers at most `per_page` leads for a request and does not say when it
// cut the list, nor in which order it cut it. So a window answered in full is never
// imported: it is asked again as two halves, and so on down to one second (window-queue.ts);
// a second that still comes back full fails the run (window_full) rather than lose a lead.
import "server-only";
import type { Connector, PlanInput, PulledUnit, RunPlan } from "@/lib/connectors/types";
import { ConnectorError } from "@/lib/connectors/errors";
import { type HousingClientConfig, describeWindow, fetchLeadsWindow } from "@/lib/integrations/housing/client";
import { importLeads } from "@/lib/integrations/housing/import-leads";
import { createWindowQueue } from "@/lib/integrations/housing/window-queue";

export type HousingConfig = HousingClientConfig & {
  /** where the very first run starts (epoch seconds); default 7 days before it */
  startDate?: number;
  windowSeconds: number;
  /** how far before its cursor each run starts again */
  overlapSeconds: number;
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
      ["splits", "windows split"],
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

export type HousingRange = { from: number; to: number; backfill: boolean; cursor: number | null };

export function housingRange(config: HousingConfig, input: PlanInput): HousingRange {
  const now = Math.floor(input.now.getTime() / 1000);
  const backfill = input.since !== undefined || input.until !== undefined;
  const cursor = input.cursor !== null && /^\d+$/.test(input.cursor) ? Number(input.cursor) : null;
  const resume = cursor === null ? undefined : Math.max(cursor + 1 - config.overlapSeconds, config.startDate ?? 0);
  const from = input.since ?? resume ?? config.startDate ?? now - sevenDays;
  const to = Math.min(input.until ?? now, now);
  return { from, to, backfill, cursor };
}

function planHousingRun(config: HousingConfig, options: HousingConnectorOptions, input: PlanInput): RunPlan {
  const range = housingRange(config, input);
  const queue = createWindowQueue(range.from, range.to, config);
  let pulled = 0;
  let splits = 0;

  async function pullNext(signal: AbortSignal): Promise<PulledUnit | null> {
    for (;;) {
      // A retry after a failed request asks for the same window again: the queue only
      // moves on once an answer has arrived.
      const window = queue.peek();
      if (window === undefined) return null;
      const leads = await fetchLeadsWindow(config, window, {
        signal,
        timeoutMs: options.timeoutMs,
        clock: options.clock,
      });
      const answer = queue.answer(leads.length);
      if (answer.verdict === "full") throw windowFull(answer.second, config.pageSize);
      if (answer.verdict === "split") {
        splits++;
        continue;
      }
      pulled++;
      const unitSplits = splits;
      splits = 0;
      return {
        label: describeWindow(window),
        fetched: leads.length,
        // The overlap re-reads windows that end before the stored cursor: never move it back.
        cursor: String(Math.max(window.end, range.cursor ?? window.end)),
        save: async (context) => ({ splits: unitSplits, ...(await importLeads(context, leads)) }),
      };
    }
  }

  return {
    range: { start: iso(range.from), end: iso(range.to) },
    advancesCursor: !range.backfill,
    // Splits add windows as the run goes.
    get totalUnits() {
      return pulled + queue.pending;
    },
    pullNext,
  };
}

const largestPage = 1000;

function windowFull(second: number, pageSize: number): ConnectorError {
  const remedy = pageSize < largestPage ? `; raise HOUSING_PAGE_SIZE (now ${pageSize}, at most ${largestPage})` : "";
  return new ConnectorError(
    "window_full",
    `Housing.com answered a full page (${pageSize} leads) for the single second ${second} (${iso(second)}): ` +
      `it may hold more leads than one request returns, so nothing of that second was imported${remedy}`,
  );
}
