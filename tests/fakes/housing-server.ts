// A fake Housing.com leads API on 127.0.0.1, faithful to seed 002 and to how the real API
// answers integrators: GET with start_date, end_date, current_time, hash, id and an
// optional per_page. Missing or malformed parameters, or a per_page above 1000 → 422; an
// unknown id, a hash that is not HMAC-SHA256(key, current_time), or a current_time more
// than 15 minutes from the server's clock → 401; otherwise 200 with the leads whose
// lead_date is within [start_date, end_date], but never more than per_page of them (100
// when per_page is absent), cut without a word, newest first unless told otherwise.
// Tests can script failures, hold requests (to kill a client while it waits) and change
// the response shape. Leads may be generated on the fly, so 100,000 of them cost no memory.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hmacSha256Hex } from "@/lib/signing/hmac";

export type FakeLead = {
  lead_name: string | null;
  lead_phone: string | null;
  lead_email: string | null;
  project_id: number | string;
  project_name: string | null;
  locality: string | null;
  lead_date: string | number;
  [extra: string]: unknown;
};

/** `count` leads spread evenly over [from, to] (epoch seconds), each with its own phone. */
export type GeneratedLeads = { count: number; from: number; to: number; projectId?: number; phoneBase?: number };

export type Shape = "array" | "data" | "leads";
/** Which leads a window holding more than per_page keeps: the answer's order is Housing's, not ours. */
export type CutOrder = "newest" | "oldest" | "shuffled";
/** "serve": answer this request normally (so a script can fail a later request). */
export type ScriptedResponse = "serve" | number | { status: number; body?: string; headers?: Record<string, string> };
export type FakeRequest = { query: Record<string, string>; status: number };

export type HousingFakeOptions = {
  /** account id → API key */
  clients: Record<string, string>;
  leads?: FakeLead[];
  generated?: GeneratedLeads;
  shape?: Shape;
  /** default "newest" */
  cutOrder?: CutOrder;
  /** the fake's clock minus the real one, in seconds */
  clockSkewSeconds?: number;
  /** called once a response has been handed to the network */
  onResponse?: (request: FakeRequest) => void;
  /** a fixed port (default: any free one), for a test in another process that drives it through controlPath */
  port?: number;
};

export const leadsPath = "/api/v0/get-builder-leads";
/**
 * For tests in another process than the fake (e2e specs): POST `${controlPath}/hold` holds
 * the next leads request until POST `${controlPath}/release`.
 */
export const controlPath = "/__test";
const maxDelaySeconds = 15 * 60;
export const defaultPerPage = 100;
export const maxPerPage = 1000;

export type Hold = { arrived: Promise<FakeRequest>; release(): void };

export type HousingFake = {
  /** the leads endpoint, for HOUSING_API_URL */
  url: string;
  requests: FakeRequest[];
  /** answer the next requests with these instead of leads */
  failNext(...responses: ScriptedResponse[]): void;
  /** keep requests for windows starting at or after `startDate` waiting until release() */
  hold(startDate: number, times?: number): Hold;
  setShape(shape: Shape): void;
  setLeads(leads: FakeLead[]): void;
  /** leads Housing.com publishes late: present from now on, whatever their lead_date */
  addLeads(leads: FakeLead[]): void;
  close(): Promise<void>;
};

export function generatedLead(g: GeneratedLeads, i: number): FakeLead {
  const n = (g.phoneBase ?? 0) + i;
  return {
    lead_name: `Buyer${n} Sharma`,
    lead_phone: `+91 9${String(n).padStart(9, "0")}`,
    lead_email: i % 3 === 0 ? null : `buyer${n}@example.com`,
    project_id: g.projectId ?? 4242,
    project_name: "Skyline Towers",
    locality: "Powai",
    lead_date: String(generatedDate(g, i)),
  };
}

function generatedDate(g: GeneratedLeads, i: number): number {
  return g.from + Math.floor((i * (g.to - g.from + 1)) / g.count);
}

/** The first index whose date is >= seconds (dates grow with the index). */
function firstIndexFrom(g: GeneratedLeads, seconds: number): number {
  let low = 0;
  let high = g.count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (generatedDate(g, mid) < seconds) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A fixed shuffle (the same seed gives the same order), so a failing test can be run again. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const leadSeconds = (lead: FakeLead) => {
  const n = Number(lead.lead_date);
  return n > 1e12 ? Math.floor(n / 1000) : n;
};

export async function startHousingFake(options: HousingFakeOptions): Promise<HousingFake> {
  let shape: Shape = options.shape ?? "array";
  let leads = options.leads ?? [];
  const scripted: ScriptedResponse[] = [];
  const holds: { startDate: number; times: number; gate: Promise<void>; arrivedResolve: (r: FakeRequest) => void }[] =
    [];
  const requests: FakeRequest[] = [];

  /** What Housing answers for a window: at most `perPage` of its leads, in `cutOrder`. */
  function answerFor(start: number, end: number, perPage: number): FakeLead[] {
    const order = options.cutOrder ?? "newest";
    const listed = leads.filter((lead) => leadSeconds(lead) >= start && leadSeconds(lead) <= end);
    const g = options.generated;
    const first = g ? firstIndexFrom(g, start) : 0;
    const last = g ? firstIndexFrom(g, end + 1) : 0; // exclusive
    if (order === "shuffled") {
      const all = [...listed];
      for (let i = first; i < last; i++) all.push(generatedLead(g!, i));
      return shuffle(all, start ^ end).slice(0, perPage);
    }
    // Only the generated leads that can make the cut are built, so a window of 100,000 costs no more than a page.
    const newest = order === "newest";
    const take = Math.min(perPage, last - first);
    const generated: FakeLead[] = [];
    for (let k = 0; k < take; k++) generated.push(generatedLead(g!, newest ? last - 1 - k : first + k));
    const byDate = (a: FakeLead, b: FakeLead) =>
      newest ? leadSeconds(b) - leadSeconds(a) : leadSeconds(a) - leadSeconds(b);
    return [...listed, ...generated].sort(byDate).slice(0, perPage);
  }

  function send(
    res: ServerResponse,
    record: FakeRequest,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) {
    record.status = status;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body, () => options.onResponse?.(record));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith(`${controlPath}/`) && req.method === "POST")
      return control(url.pathname.slice(controlPath.length), res);
    const record: FakeRequest = { query: Object.fromEntries(url.searchParams), status: 0 };
    requests.push(record);
    if (url.pathname !== leadsPath) return send(res, record, 404, JSON.stringify({ apiErrors: ["not found"] }));
    if (req.method !== "GET") return send(res, record, 405, JSON.stringify({ apiErrors: ["method not allowed"] }));

    const start = url.searchParams.get("start_date") ?? "";
    const hold = holds.find((h) => h.times > 0 && /^\d+$/.test(start) && Number(start) >= h.startDate);
    if (hold) {
      hold.times--;
      hold.arrivedResolve(record);
      await hold.gate;
      if (res.destroyed || req.socket.destroyed) return;
    }

    const next = scripted.shift();
    if (next !== undefined && next !== "serve") {
      const { status, body, headers } =
        typeof next === "number" ? { status: next, body: undefined, headers: undefined } : next;
      return send(res, record, status, body ?? JSON.stringify({ apiErrors: [`scripted ${status}`] }), headers);
    }

    // 422: every mandatory parameter present, once, in its format.
    const problems: string[] = [];
    for (const name of ["start_date", "end_date", "current_time", "hash", "id"]) {
      const values = url.searchParams.getAll(name);
      if (values.length === 0 || values[0] === "") problems.push(`${name} is missing`);
      else if (values.length > 1) problems.push(`${name} is given more than once`);
      else if (name !== "hash" && name !== "id" && !/^\d+$/.test(values[0]!))
        problems.push(`${name} must be epoch time`);
    }
    const perPageValues = url.searchParams.getAll("per_page");
    const perPage = perPageValues.length === 0 ? defaultPerPage : Number(perPageValues[0]);
    if (perPageValues.length > 1) problems.push("per_page is given more than once");
    else if (perPageValues.length === 1 && !/^\d+$/.test(perPageValues[0]!))
      problems.push("per_page must be a whole number");
    else if (perPage < 1 || perPage > maxPerPage) problems.push(`per_page must be between 1 and ${maxPerPage}`);
    if (
      problems.length === 0 &&
      Number(url.searchParams.get("start_date")) > Number(url.searchParams.get("end_date"))
    ) {
      problems.push("start_date is after end_date");
    }
    if (problems.length > 0) return send(res, record, 422, JSON.stringify({ apiErrors: problems }));

    // 401: unknown id, wrong hash, or a request more than 15 minutes off the server's clock.
    const key = options.clients[url.searchParams.get("id")!];
    const currentTime = url.searchParams.get("current_time")!;
    const serverNow = Math.floor(Date.now() / 1000) + (options.clockSkewSeconds ?? 0);
    if (key === undefined || url.searchParams.get("hash") !== hmacSha256Hex(key, currentTime)) {
      return send(res, record, 401, JSON.stringify({ apiErrors: ["unauthorized"] }));
    }
    if (Math.abs(serverNow - Number(currentTime)) > maxDelaySeconds) {
      return send(res, record, 401, JSON.stringify({ apiErrors: ["request delayed"] }));
    }

    const found = answerFor(
      Number(url.searchParams.get("start_date")),
      Number(url.searchParams.get("end_date")),
      perPage,
    );
    const body = shape === "array" ? found : shape === "data" ? { data: found } : { leads: found };
    return send(res, record, 200, JSON.stringify(body));
  }

  function hold(startDate: number, times = Number.POSITIVE_INFINITY): Hold {
    let release!: () => void;
    let arrivedResolve!: (r: FakeRequest) => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const arrived = new Promise<FakeRequest>((resolve) => (arrivedResolve = resolve));
    const entry = { startDate, times, gate, arrivedResolve };
    holds.push(entry);
    return {
      arrived,
      release: () => {
        entry.times = 0;
        release();
      },
    };
  }

  let controlled: Hold | undefined;
  function control(action: string, res: ServerResponse) {
    if (action === "/hold") controlled = hold(0, 1);
    else if (action === "/release") controlled?.release();
    else return void res.writeHead(404).end();
    res.writeHead(204).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${leadsPath}`,
    requests,
    failNext: (...responses) => scripted.push(...responses),
    hold,
    setShape: (next) => (shape = next),
    setLeads: (next) => (leads = next),
    addLeads: (more) => (leads = [...leads, ...more]),
    close: () =>
      new Promise<void>((resolve) => {
        for (const hold of holds) hold.times = 0;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
