// The fake retailCRM account in a process of its own, its rate limit on (for the benchmark:
// retailCRM is on another machine, so serving it should not take the importer's CPU):
//   tsx tests/fakes/retailcrm-server-process.ts <customers> <API key>
// prints {"url": …} once listening; each line "stats" on stdin is answered with the
// requests it served and how many it refused past the limit; stops when its stdin closes.
import { createInterface } from "node:readline";
import { startFakeRetailCrm } from "./retailcrm-server";

const [count, apiKey] = process.argv.slice(2);
const fake = await startFakeRetailCrm({ apiKeys: [apiKey ?? "bench-api-key"] });
fake.account.seedCustomers(Number(count));
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (line.trim() !== "stats") return;
  const limited = fake.requests.filter((r) => r.status === 503).length;
  process.stdout.write(`${JSON.stringify({ requests: fake.requests.length, limited })}\n`);
});
lines.on("close", () => void fake.close().then(() => process.exit(0)));
