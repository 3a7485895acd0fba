// Connector runs, newest first: what each did (counts), how long it took, and its error.
import type { ConnectorRunView } from "@/lib/db/connector-runs";
import { formatDuration, labelledCounts, runRange, type ConnectorStatus } from "@/lib/admin/sync-view";
import { formatDateTime, isoDate } from "@/lib/contacts/format";
import { systemNames } from "@/lib/contacts/view-model";
import { StatusBadge } from "@/components/admin/status-badge";

const numberFormat = new Intl.NumberFormat("en-US");

function Status({ run }: { run: ConnectorRunView }) {
  if (run.status === "running") return <StatusBadge tone="warn">Running</StatusBadge>;
  return run.status === "succeeded" ? (
    <StatusBadge tone="good">Succeeded</StatusBadge>
  ) : (
    <StatusBadge tone="bad">Failed</StatusBadge>
  );
}

function RunRange({ start, end }: { start: string; end: string }) {
  const range = runRange(start, end);
  return (
    <p className="mt-1 text-xs text-gray-600 dark:text-gray-400" data-testid="run-range">
      {range.kind === "dates" ? (
        <>
          Range <time dateTime={isoDate(range.start)}>{formatDateTime(range.start)}</time> –{" "}
          <time dateTime={isoDate(range.end)}>{formatDateTime(range.end)}</time>
        </>
      ) : (
        <>Range {range.text}</>
      )}
    </p>
  );
}

export function RunsTable({ runs, statuses }: { runs: ConnectorRunView[]; statuses: ConnectorStatus[] }) {
  if (runs.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">No runs yet.</p>;
  const summaries = new Map(statuses.map((s) => [s.name, s.summary]));
  return (
    <ol className="divide-y divide-gray-100 dark:divide-gray-800" data-testid="runs">
      {runs.map((run) => {
        const duration = formatDuration(run.startedAt, run.finishedAt);
        const counts = labelledCounts(run.counts, summaries.get(run.connector) ?? []);
        return (
          <li key={run.id} className="py-3 text-sm" data-testid="run" data-run-id={run.id}>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium">{systemNames[run.connector] ?? run.connector}</span>
              <Status run={run} />
              {run.dryRun ? <StatusBadge tone="off">Dry run</StatusBadge> : null}
              <span className="text-gray-600 dark:text-gray-400">
                <time dateTime={isoDate(run.startedAt)}>{formatDateTime(run.startedAt)}</time>
                {duration ? ` · ${duration}` : ""}
              </span>
            </div>
            {run.rangeStart && run.rangeEnd ? <RunRange start={run.rangeStart} end={run.rangeEnd} /> : null}
            {counts.length > 0 ? (
              <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                {counts.map((c) => (
                  <div key={c.label} className="flex gap-1">
                    <dt className="text-gray-600 dark:text-gray-400">{c.label}</dt>
                    <dd className="font-medium tabular-nums">{numberFormat.format(c.value)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {run.error ? (
              <p
                className="mt-2 whitespace-pre-wrap break-words rounded-md bg-red-50 p-2 text-xs text-red-900 dark:bg-red-950 dark:text-red-100"
                data-testid="run-error"
              >
                {run.error}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
