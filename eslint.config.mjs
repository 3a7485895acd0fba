// Lint with type information first in CI (see .ci/run): the rules that catch real bugs in this code base —
// promises left floating or passed where a callback is expected, values of type any leaking from JSON,
// React hooks misused, and configuration read outside lib/env.ts.
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";

export default tseslint.config(
  { ignores: ["generated/**", ".next/**", "node_modules/**", "bench/.data/**", "e2e/.artifacts/**", "next-env.d.ts"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // `async` marks what implements a Promise-returning interface (a driver's close(), a
      // fake's handler); one without `await` is not a bug. A promise nobody awaits is, and
      // no-floating-promises / no-misused-promises catch it.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Vitest and Playwright type their asymmetric matchers (expect.any, expect.stringMatching) as any.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
  {
    // Configuration is parsed and validated once, in lib/env.ts; a second reader would skip its checks.
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["lib/env.ts", "**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
  { files: ["**/*.mjs", "**/*.js"], ...tseslint.configs.disableTypeChecked },
);
