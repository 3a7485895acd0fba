// The fake CRM.COM Back-Office in a process of its own (for the benchmark: CRM.COM is on
// another machine, so serving it should not take the importer's CPU):
//   tsx tests/fakes/crmcom-server-process.ts <count> <secret key>
// prints {"url": …} once listening, and stops when its stdin closes.
import { startFakeCrmcom } from "./crmcom-server";

const [count, secretKey] = process.argv.slice(2);
const fake = await startFakeCrmcom({
  generated: { count: Number(count), companyEvery: 5, invalidEvery: 1000 },
  secretKeys: [secretKey ?? "bench-secret-key"],
});
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void fake.close().then(() => process.exit(0)));
