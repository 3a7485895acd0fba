import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./support/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's migrated database; each test file works on its own copy of it (tests/setup.ts). */
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  project.provide("templateDatabaseUrl", database.url);
  return () => database.drop();
}
