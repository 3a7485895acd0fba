// The retailCRM customers connector for one connected account (contract section 4.1): its
// customers, individual (people) and corporate (companies), kept in step as contacts.
// - First sync (no cursor), and --full: a full pass over both lists, page by page. Before
//   it, each history's newest record id is taken, so what changes while the pass runs is
//   read from the history afterwards.
// - Every sync then reads both histories from the last applied record, a page of up to 100
//   records at a time, re-reads the current state of the customers they name (by id, so a
//   history of segment changes costs one read per page, not the whole list) and saves it;
//   a customer no longer returned is gone (deleted, merged) and loses its reference.
// Each page is one unit of the framework: its writes and the cursor commit together.
import "server-only";
import type { Connector, PulledUnit, RunPlan } from "@/lib/connectors/types";
import { type CustomerKind, type CustomersApi, pageLimit } from "./api-client";
import { type SyncCursor, formatSyncCursor, parseSyncCursor } from "./cursor";
import { type MappedCustomer, customerReference, mapCustomer } from "./map";
import { importCustomers } from "./import-customers";

export type RetailCrmAccount = { id: string; systemUrl: string };

const kinds: readonly CustomerKind[] = ["customers", "corporate"];
/** How many times one pass reads pages again because the list shrank under it. */
const maxStepsBack = 20;
const kindNames: Record<CustomerKind, string> = { customers: "customers", corporate: "corporate customers" };

export const retailcrmSummary = [
  ["pages", "pages"],
  ["history", "history records"],
  ["fetched", "fetched"],
  ["created", "created"],
  ["updated", "updated"],
  ["unchanged", "unchanged"],
  ["removed", "removed"],
  ["invalid", "invalid"],
  ["linked", "linked to existing contacts"],
] as const;

/** What every retailCRM connector shares: its name, unit and summary (the admin Sync page reads them). */
export const retailcrmConnectorShape = {
  name: "retailcrm",
  unit: { one: "page", many: "pages" },
  summary: retailcrmSummary,
  backfill: false,
} as const;

/** `openApi` gives the account's API client (opening its stored key) when the run first reads. */
export function retailcrmAccountConnector(
  account: RetailCrmAccount,
  openApi: () => Promise<CustomersApi>,
  options: { full?: boolean } = {},
): Connector {
  return {
    ...retailcrmConnectorShape,
    account: { id: account.id, name: account.systemUrl },
    plan: (input) =>
      planAccountSync(openedOnUse(openApi), account, parseSyncCursor(input.cursor), options.full ?? false),
  };
}

function openedOnUse(open: () => Promise<CustomersApi>): CustomersApi {
  let opened: Promise<CustomersApi> | undefined;
  const api = () => (opened ??= open());
  return {
    listPage: async (...args) => (await api()).listPage(...args),
    byIds: async (...args) => (await api()).byIds(...args),
    history: async (...args) => (await api()).history(...args),
  };
}

export function planAccountSync(
  api: CustomersApi,
  account: RetailCrmAccount,
  stored: SyncCursor,
  full: boolean,
): RunPlan {
  const firstSync = stored.since.customers === null || stored.since.corporate === null;
  let state: SyncCursor =
    (firstSync || full) && stored.pass === null ? { ...stored, pass: { kind: "customers", page: 1 } } : stored;
  const historyRead: Record<CustomerKind, boolean> = { customers: false, corporate: false };
  // The list's size at the page read before, and how often the pass stepped back (see below).
  let lastTotal: number | undefined;
  let stepsBack = 0;
  if (state.pass && state.pass.page > 1 && !firstSync) {
    // Resuming a stopped pass: the size the page before was read at is unknown, so read it again.
    state = { ...state, pass: { ...state.pass, page: state.pass.page - 1 } };
  }

  const unit = (
    label: string,
    fetched: number,
    history: number,
    batch: { customers: MappedCustomer[]; gone: string[]; problems: string[] },
  ): PulledUnit => ({
    label,
    fetched,
    cursor: formatSyncCursor(state),
    problems: batch.problems,
    save: async (context) => ({
      history,
      ...(await importCustomers(context, { ...batch, invalid: batch.problems.length })),
    }),
  });

  const mapAll = (kind: CustomerKind, records: readonly unknown[]) => {
    const customers: MappedCustomer[] = [];
    const problems: string[] = [];
    for (const record of records) {
      const mapped = mapCustomer(account, kind, record);
      if (mapped.ok) customers.push(mapped.customer);
      else problems.push(`${kindNames[kind]} ${mapped.id}: ${mapped.reason}`);
    }
    return { customers, problems };
  };

  return {
    range: { start: `${account.systemUrl}: ${describeStart(state, firstSync)}`, end: "the latest change" },
    advancesCursor: true,
    pullNext: async (signal) => {
      for (const kind of kinds) {
        if (state.since[kind] === null) {
          state = { ...state, since: { ...state.since, [kind]: await newestRecordId(api, kind, signal) } };
        }
      }
      if (state.pass) {
        const { kind, page } = state.pass;
        const list = await api.listPage(kind, page, signal);
        const last = page >= list.totalPageCount;
        let next = !last
          ? { kind, page: page + 1 }
          : kind === "customers"
            ? { kind: "corporate" as const, page: 1 }
            : null;
        // The list's order is not documented. A customer deleted (or merged away) while the pass runs
        // moves every later one a place up: in an oldest-first list, the first customers of this page
        // may have slipped onto pages already read. When the list shrank since the page before, read
        // from as many pages back again (a bounded number of times: a pass always ends).
        const shrunk = lastTotal !== undefined && page > 1 ? lastTotal - list.totalCount : 0;
        if (shrunk > 0 && stepsBack < maxStepsBack) {
          stepsBack++;
          next = { kind, page: Math.max(1, page - Math.ceil(shrunk / pageLimit)) };
        }
        lastTotal = next?.kind === kind ? list.totalCount : undefined;
        state = { ...state, pass: next };
        const of = Math.max(list.totalPageCount, 1);
        return unit(`${kindNames[kind]} page ${page} of ${of}`, list.records.length, 0, {
          ...mapAll(kind, list.records),
          gone: [],
        });
      }
      for (const kind of kinds) {
        if (historyRead[kind]) continue;
        const since = state.since[kind] ?? 0;
        const page = await api.history(kind, { sinceId: since }, signal);
        if (page.records.length === 0) {
          historyRead[kind] = true;
          continue;
        }
        const named = [
          ...new Set(page.records.flatMap((r) => [r.customerId, r.combinedToId].filter((id) => id !== null))),
        ];
        // A page names at most 100 customers, and a merge's survivor besides: read them 100 at a time.
        const records: unknown[] = [];
        for (let i = 0; i < named.length; i += pageLimit) {
          records.push(...(await api.byIds(kind, named.slice(i, i + pageLimit), signal)).records);
        }
        const mapped = mapAll(kind, records);
        const returned = new Set(records.map(idOf));
        const gone = named
          .filter((id) => !returned.has(id))
          .map((id) => customerReference(account, kind, id).externalId);
        const nameless = page.records.filter((r) => r.customerId === null);
        const problems = [
          ...mapped.problems,
          ...nameless.map((r) => `${kindNames[kind]} history record ${r.id}: it names no customer`),
        ];
        const lastId = page.records.at(-1)!.id;
        if (page.records.length < pageLimit) historyRead[kind] = true;
        state = { ...state, since: { ...state.since, [kind]: lastId } };
        return unit(
          `${kindNames[kind]} history ${page.records[0]!.id}–${lastId}`,
          records.length,
          page.records.length,
          { customers: mapped.customers, gone, problems },
        );
      }
      return null;
    },
  };
}

function describeStart(state: SyncCursor, firstSync: boolean): string {
  if (firstSync) return "first sync: every customer";
  if (state.pass) {
    const from =
      state.pass.page > 1 || state.pass.kind !== "customers"
        ? ` from ${kindNames[state.pass.kind]} page ${state.pass.page}`
        : "";
    return `full pass${from}, then the changes`;
  }
  return `changes after history records ${state.since.customers} (customers) and ${state.since.corporate} (corporate)`;
}

/** The id of a history's newest record (0 when it has none): its last page's last record. */
async function newestRecordId(api: CustomersApi, kind: CustomerKind, signal: AbortSignal): Promise<number> {
  const first = await api.history(kind, { sinceId: 0 }, signal);
  const total = first.totalCount ?? first.records.length;
  const lastPage = Math.ceil(total / pageLimit);
  const page = lastPage > 1 ? await api.history(kind, { sinceId: 0, page: lastPage }, signal) : first;
  return page.records.at(-1)?.id ?? first.records.at(-1)?.id ?? 0;
}

function idOf(record: unknown): number | undefined {
  const id = typeof record === "object" && record !== null && "id" in record ? record.id : undefined;
  return typeof id === "number" ? id : undefined;
}
