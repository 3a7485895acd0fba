// Reading CRM.COM's contact list page after page, oldest update first: one sweep (see
// cursor.ts for what is stored between runs). It starts at page 1, or resumes at the last
// committed page of a stopped sweep (starting over when the list moved by a page or more),
// and ends at the page CRM.COM says is the last (`paging.has_more: false`; without it, a
// short page). Its state moves only when a page arrives, so a failed read is read again.
// While one page is worked on, the next is already being fetched (read-ahead of one).
import "server-only";
import { ConnectorError } from "@/lib/connectors/errors";
import type { CrmcomClient } from "@/lib/integrations/crmcom/client";
import { type SweepCursor, advanceMark, overlapsMark, startPage } from "@/lib/integrations/crmcom/cursor";
import { crmcomTime } from "@/lib/integrations/crmcom/schema";

export type SweptPage = {
  page: number;
  records: unknown[];
  /** the records' update times, as far as they can be read */
  times: (Date | null)[];
  /** the newest update time of the sweep so far, this page included */
  mark: Date | null;
  last: boolean;
  /** how many contacts CRM.COM says it has, when it says */
  total: number | null;
};

/** Update times of a page's records (invalid records included: they hold a place in the order too). */
function pageTimes(records: readonly unknown[]): (Date | null)[] {
  return records.map((record) => {
    const value = record && typeof record === "object" && "updated_date" in record ? record.updated_date : undefined;
    const parsed = crmcomTime.safeParse(value);
    return parsed.success ? parsed.data : null;
  });
}

const recordIds = (records: readonly unknown[]) =>
  records.map((r) => (r && typeof r === "object" && "id" in r ? String(r.id) : "")).join("\n");

export class Sweep {
  /** the next page to read */
  private page: number;
  private mark: Date | null;
  private resuming: boolean;
  private previousIds = "";
  /** the next page, requested as soon as the one before it arrived */
  private ahead: { page: number; result: ReturnType<CrmcomClient["fetchContactsPage"]> } | null = null;
  finished = false;
  readonly resumedAt: number | null;

  constructor(
    private readonly client: CrmcomClient,
    private readonly pageSize: number,
    cursor: SweepCursor,
  ) {
    this.page = startPage(cursor);
    this.resuming = this.page > 1;
    this.resumedAt = this.resuming ? this.page : null;
    // The newest update time committed in this sweep; a new sweep starts from nothing.
    this.mark = this.resuming ? cursor.mark : null;
  }

  get nextPage(): number {
    return this.page;
  }

  async read(signal: AbortSignal): Promise<SweptPage> {
    if (this.finished) throw new Error("the sweep is finished");
    let page = this.page;
    let mark = this.mark;
    let result = await this.fetch(page, signal);
    let times = pageTimes(result.content);
    if (this.resuming && !overlapsMark(times, mark)) {
      // The list moved by a page or more since the stopped run: start the sweep over.
      page = 1;
      mark = null;
      result = await this.fetch(page, signal);
      times = pageTimes(result.content);
    }
    const ids = recordIds(result.content);
    if (result.content.length > 0 && ids === this.previousIds) {
      throw new ConnectorError(
        "bad_response",
        `CRM.COM sent the same contacts for pages ${page - 1} and ${page}: it does not page (check CRMCOM_API_URL)`,
      );
    }
    const last =
      result.hasMore === false ||
      result.content.length === 0 ||
      (result.hasMore === null && result.content.length < this.pageSize);
    mark = advanceMark(mark, times);
    this.resuming = false;
    this.previousIds = ids;
    this.page = page + 1;
    this.mark = mark;
    this.finished = last;
    if (!last) {
      const next = this.client.fetchContactsPage(page + 1, signal);
      // Observed by the read that takes it; a run that stops first never does.
      next.catch(() => {});
      this.ahead = { page: page + 1, result: next };
    }
    return { page, records: result.content, times, mark, last, total: result.total };
  }

  /** A page: the one read ahead when it is that page, else fetched now. A failed one is fetched again next time. */
  private fetch(page: number, signal: AbortSignal) {
    const ahead = this.ahead;
    this.ahead = null;
    return ahead?.page === page ? ahead.result : this.client.fetchContactsPage(page, signal);
  }
}
