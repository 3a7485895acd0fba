// The CRM.COM contacts connector (contract section 6): each run reads the contact list,
// oldest update first, page by page from page 1 (or from where a stopped run left off, see
// cursor.ts) until CRM.COM says there is no more; each page's contacts and the cursor commit
// together. Records that fail validation are counted and listed, and the run goes on.
import type { Connector, PlanInput, PulledUnit, RunPlan } from "@/lib/connectors/types";
import { ConnectorError } from "@/lib/connectors/errors";
import { type CrmcomAuth, type CrmcomClient, createCrmcomClient } from "@/lib/integrations/crmcom/client";
import { advanceMark, formatSweepCursor, overlapsMark, parseSweepCursor, startPage } from "@/lib/integrations/crmcom/cursor";
import { importContacts } from "@/lib/integrations/crmcom/import-contacts";
import { type CrmcomPage, crmcomTime, readContacts } from "@/lib/integrations/crmcom/schema";

export type CrmcomConfig = { apiUrl: string; auth: CrmcomAuth; pageSize: number };

export type CrmcomConnectorOptions = { timeoutMs?: number };

export function crmcomConnector(config: CrmcomConfig, options: CrmcomConnectorOptions = {}): Connector {
  return {
    name: "crmcom",
    unit: { one: "page", many: "pages" },
    summary: [
      ["pages", "pages"],
      ["fetched", "fetched"],
      ["created", "created"],
      ["updated", "updated"],
      ["unchanged", "unchanged"],
      ["invalid", "invalid"],
      ["linked", "linked to existing contacts"],
    ],
    backfill: false,
    plan: (input) => planCrmcomRun(createCrmcomClient(config, options), config.pageSize, input),
  };
}

/** The update times of a page's records, as far as they can be read (invalid records included: they hold a place in the order). */
function pageTimes(records: readonly unknown[]): (Date | null)[] {
  return records.map((record) => {
    const value = record && typeof record === "object" && "updated_date" in record ? record.updated_date : undefined;
    const parsed = crmcomTime.safeParse(value);
    return parsed.success ? parsed.data : null;
  });
}

const recordIds = (records: readonly unknown[]) =>
  records.map((r) => (r && typeof r === "object" && "id" in r ? String(r.id) : "")).join("\n");

export function planCrmcomRun(client: CrmcomClient, pageSize: number, input: PlanInput): RunPlan {
  if (input.since !== undefined || input.until !== undefined) {
    throw new ConnectorError("bad_request", "the crmcom connector takes no --since / --until: each run reads every page");
  }
  const cursor = parseSweepCursor(input.cursor);
  let page = startPage(cursor);
  // The newest update time committed in this sweep; a new sweep starts from nothing.
  let mark = page > 1 ? cursor.mark : null;
  let resuming = page > 1;
  let finished = false;
  let previousIds = "";
  let pulled = 0;
  let total: number | null = null;

  const label = (n: number, times: (Date | null)[]) => {
    const known = times.filter((t): t is Date => t !== null).map((t) => t.getTime());
    if (known.length === 0) return `CRM.COM page ${n}`;
    const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
    return `CRM.COM page ${n}, updated ${iso(Math.min(...known))} … ${iso(Math.max(...known))}`;
  };

  return {
    range: { start: resuming ? `page ${page} (resuming a stopped run)` : "page 1", end: "last page" },
    advancesCursor: true,
    // Known once CRM.COM tells its total: the pages done plus those left from here.
    get totalUnits() {
      return total === null ? undefined : pulled + Math.max(0, Math.ceil(total / pageSize) - page + 1);
    },
    pullNext: async (signal): Promise<PulledUnit | null> => {
      if (finished) return null;
      let result: CrmcomPage = await client.fetchContactsPage(page, signal);
      let times = pageTimes(result.content);
      if (resuming) {
        if (!overlapsMark(times, mark)) {
          // The list moved by a page or more since the stopped run: start the sweep over.
          page = 1;
          mark = null;
          result = await client.fetchContactsPage(page, signal);
          times = pageTimes(result.content);
        }
        resuming = false;
      }
      const ids = recordIds(result.content);
      if (result.content.length > 0 && ids === previousIds) {
        throw new ConnectorError(
          "bad_response",
          `CRM.COM sent the same contacts for pages ${page - 1} and ${page}: it does not page (check CRMCOM_API_URL)`,
        );
      }
      const { contacts, problems } = readContacts(result.content, page);
      // The last page: CRM.COM says so, or (without paging.has_more) the page is short.
      const last = result.hasMore === false || result.content.length === 0 || (result.hasMore === null && result.content.length < pageSize);
      const thisPage = page;
      const pageMark = advanceMark(mark, times);
      page++;
      mark = pageMark;
      previousIds = ids;
      finished = last;
      pulled++;
      total = result.total ?? total;
      return {
        label: label(thisPage, times),
        fetched: result.content.length,
        cursor: formatSweepCursor({ page: last ? 0 : thisPage, mark: pageMark }),
        problems,
        save: (context) => importContacts(context, contacts, problems.length),
      };
    },
  };
}
