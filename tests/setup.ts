// Runs before every test file: point the app at the run's test database and give every
// integration its test secrets.
import { inject } from "vitest";
import { testSecrets } from "./support/test-config";

Object.assign(process.env, testSecrets, { DATABASE_URL: inject("databaseUrl") });
