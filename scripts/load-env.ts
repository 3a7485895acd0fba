// Command-line scripts read .env, .env.local and friends exactly as `next start` does,
// so `npm run demo`'s generated secrets apply to every command. Real environment
// variables win over files.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
