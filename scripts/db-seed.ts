import "./load-env";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/demo/seed";

const client = db();
const author = await client.staffUser.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
const result = await seedDemoData(client, author?.id ?? null);
console.log(`demo data: ${result.created} contacts created, ${result.existing} already present`);
await client.$disconnect();
