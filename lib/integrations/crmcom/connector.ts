// The CRM.COM contacts connector (contract section 6): each run reads the contact list,
// oldest update first, page by page from page 1 (or from where a stopped run left off, see
// cursor.ts) until CRM.COM says there is no more. Pages are saved in batches of about
// 1,000 contacts (10 pages of 100), each batch's contacts and the cursor (its last page) in
// one transaction: the database client's cost is per statement, and a batch takes no more
// statements than a page. Records that fail validation are counted and listed; the run goes on.
import "server-only";
import type { Connector, PlanInput, PulledUnit, RunPlan } from "@/lib/connectors/types";
import { ConnectorError } from "@/lib/connectors/errors";
import { type CrmcomAuth, type CrmcomClient, createCrmcomClient } from "@/lib/integrations/crmcom/client";
import { formatSweepCursor, parseSweepCursor } from "@/lib/integrations/crmcom/cursor";
import { importContacts } from "@/lib/integrations/crmcom/import-contacts";
import { type CrmcomContact, readContacts } from "@/lib/integrations/crmcom/schema";
import { Sweep, type SweptPage } from "@/lib/integrations/crmcom/sweep";

export type CrmcomConfig = { apiUrl: string; auth: CrmcomAuth; pageSize: number };

export type CrmcomConnectorOptions = {
  timeoutMs?: number;
  /** contacts saved per transaction, in whole pages (at least one) */
  contactsPerUnit?: number;
};

export const defaultContactsPerUnit = 1000;

export function crmcomConnector(config: CrmcomConfig, options: CrmcomConnectorOptions = {}): Connector {
  const pagesPerUnit = Math.max(1, Math.floor((options.contactsPerUnit ?? defaultContactsPerUnit) / config.pageSize));
  return {
    name: "crmcom",
    unit: { one: "batch", many: "batches" },
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
    plan: (input) =>
      planCrmcomRun(createCrmcomClient(config, options), { pageSize: config.pageSize, pagesPerUnit }, input),
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** Pages read but not yet handed to the framework (kept across a retried pull). */
class Batch {
  pages: SweptPage[] = [];
  contacts: CrmcomContact[] = [];
  problems: string[] = [];
  fetched = 0;

  add(page: SweptPage) {
    const { contacts, problems } = readContacts(page.records, page.page);
    this.pages.push(page);
    this.contacts.push(...contacts);
    this.problems.push(...problems);
    this.fetched += page.records.length;
  }

  label(): string {
    const first = this.pages[0]!.page;
    const last = this.pages.at(-1)!.page;
    let from = Infinity;
    let to = -Infinity;
    for (const page of this.pages) {
      for (const t of page.times) {
        if (t === null) continue;
        from = Math.min(from, t.getTime());
        to = Math.max(to, t.getTime());
      }
    }
    const pages = first === last ? `CRM.COM page ${first}` : `CRM.COM pages ${first}–${last}`;
    return from <= to ? `${pages}, updated ${iso(from)} … ${iso(to)}` : pages;
  }
}

export function planCrmcomRun(
  client: CrmcomClient,
  sizes: { pageSize: number; pagesPerUnit: number },
  input: PlanInput,
): RunPlan {
  if (input.since !== undefined || input.until !== undefined) {
    throw new ConnectorError(
      "bad_request",
      "the crmcom connector takes no --since / --until: each run reads every page",
    );
  }
  const sweep = new Sweep(client, sizes.pageSize, parseSweepCursor(input.cursor));
  let batch = new Batch();
  let units = 0;
  let total: number | null = null;

  return {
    range: { start: sweep.resumedAt ? `page ${sweep.resumedAt} (resuming a stopped run)` : "page 1", end: "last page" },
    advancesCursor: true,
    // Known once CRM.COM tells its total: the batches done plus those the pages left make.
    get totalUnits() {
      if (total === null) return undefined;
      const left = Math.max(0, Math.ceil(total / sizes.pageSize) - sweep.nextPage + 1) + batch.pages.length;
      return units + Math.ceil(left / sizes.pagesPerUnit);
    },
    pullNext: async (signal): Promise<PulledUnit | null> => {
      while (!sweep.finished && batch.pages.length < sizes.pagesPerUnit) {
        const page = await sweep.read(signal);
        total = page.total ?? total;
        batch.add(page);
      }
      if (batch.pages.length === 0) return null;
      const unit = batch;
      batch = new Batch();
      units++;
      const last = unit.pages.at(-1)!;
      return {
        label: unit.label(),
        fetched: unit.fetched,
        cursor: formatSweepCursor({ page: last.last ? 0 : last.page, mark: last.mark }),
        problems: unit.problems,
        save: async (context) => ({
          pages: unit.pages.length,
          ...(await importContacts(context, unit.contacts, unit.problems.length)),
        }),
      };
    },
  };
}
