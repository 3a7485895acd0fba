// Runs once when the server starts. Validating the configuration here makes a
// malformed value stop start-up with a message naming the variable.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigOrExit } = await import("@/lib/startup");
    checkConfigOrExit();
    // Connector polling (HOUSING_POLL_SECONDS, CRMCOM_POLL_SECONDS); nothing runs when none is set.
    (await import("@/lib/connectors/scheduler")).startConnectorSchedules();
  }
}
