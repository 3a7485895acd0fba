// Configuration of the Prisma CLI, used here only for `prisma generate` and
// `prisma migrate diff` (neither touches a database). Migrations are applied by
// scripts/db-migrate.ts. The JavaScript schema engine needs a driver adapter;
// an in-memory SQLite one keeps the CLI from downloading engine binaries.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => new PrismaBetterSQLite3({ url: ":memory:" }),
});
