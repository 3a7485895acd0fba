// The process's logger replaced by one that keeps its lines (JSON, every level), for tests
// that check what is logged: that a failure is logged in one line, that a secret never is.
import { type Logger, createLogger, logger, setLogger } from "@/lib/log";

export type CapturedLogs = {
  /** the lines written so far, parsed */
  readonly lines: Record<string, unknown>[];
  /** every line as its JSON text, for "never contains" checks */
  text(): string;
  /** puts the logger that was there back */
  restore(): void;
};

export function captureLogs(): CapturedLogs {
  const previous: Logger = logger();
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  setLogger(
    createLogger({
      level: "debug",
      pretty: false,
      destination: {
        write: (line: string) => {
          raw.push(line);
          lines.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    }),
  );
  return { lines, text: () => raw.join(""), restore: () => setLogger(previous) };
}
