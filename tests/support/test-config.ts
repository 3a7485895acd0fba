// Configuration shared by the integration tests (vitest) and the end-to-end server
// (e2e/server.ts): fixed test secrets, so tests can sign requests as a host would.
export const testSecrets = {
  SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789abcdef",
  SURESEND_WIDGET_SECRET: "5f2b7c1e9a0d4b3c8e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d",
  SURESEND_WIDGET_SECRET_PREVIOUS: "0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff",
  SOCIALSIGNIN_SECRET: "test-socialsignin-secret",
  SOCIALSIGNIN_SECRET_PREVIOUS: "previous-socialsignin-secret",
  RETAILCRM_MODULE_CODE: "crm-bridge-test",
  RETAILCRM_SECRET: "test-retailcrm-secret",
} as const;

export const e2ePort = Number(process.env.E2E_PORT ?? 3210);
/** Loopback ports of the parent pages that frame the widgets in e2e tests: one allowed, one not. */
export const allowedParentPort = e2ePort + 1;
export const blockedParentPort = e2ePort + 2;
