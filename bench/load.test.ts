import { describe, expect, it } from "vitest";
import { parseWrkReport } from "./load";

const report = `Running 2s test @ http://127.0.0.1:3900
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.34ms    3.21ms  80.12ms   90.00%
    Req/Sec   650.00     50.00   800.00     70.00%
  Latency Distribution
     50%   11.50ms
     75%   13.00ms
     90%   15.00ms
     99%    1.20s
  2600 requests in 2.00s, 1.20MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   1300.50
Transfer/sec:      0.60MB
`;

describe("parseWrkReport", () => {
  it("reads throughput, percentiles in any unit, and every kind of failure", () => {
    expect(parseWrkReport(report)).toEqual({
      requestsPerSecond: 1300.5,
      p50Ms: 11.5,
      p99Ms: 1200,
      maxMs: 80.12,
      requests: 2600,
      failures: 5,
      timeouts: 2,
    });
  });
  it("refuses a report it cannot read", () => {
    expect(() => parseWrkReport("unable to connect")).toThrow(/could not read/);
  });
});
