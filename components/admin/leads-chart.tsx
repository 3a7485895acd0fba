// Leads per day as bars, drawn on the server: an SVG for the eye (no script, no inline
// style, so the admin CSP holds) and the same numbers as a table for everyone else.
import type { DayCount } from "@/lib/db/lead-stats";
import { busiestDayText, niceCeiling } from "@/lib/admin/days";
import { formatDate } from "@/lib/contacts/format";

const numberFormat = new Intl.NumberFormat("en-US");
const slot = 10;
const height = 100;

function dayLabel(day: string): string {
  return formatDate(`${day}T00:00:00Z`).replace(/ \d{4}$/, "");
}

export function LeadsChart({ days, title = "Leads per day" }: { days: DayCount[]; title?: string }) {
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const top = niceCeiling(Math.max(0, ...days.map((d) => d.count)));
  const busiest = busiestDayText(days, dayLabel);
  const labelled = new Set([0, Math.floor((days.length - 1) / 2), days.length - 1]);
  return (
    <figure className="space-y-3" data-testid="leads-chart">
      <figcaption>
        <span className="block text-base font-semibold">{title}</span>
        <span className="block text-sm text-gray-600 dark:text-gray-400">
          {numberFormat.format(total)} in the last {days.length} days (UTC)
          {busiest ? `, ${busiest}` : ""}
        </span>
      </figcaption>
      <div className="flex gap-2">
        <div
          aria-hidden="true"
          className="flex h-40 flex-col justify-between text-right text-xs tabular-nums text-gray-600 dark:text-gray-400"
        >
          <span>{numberFormat.format(top)}</span>
          <span>{numberFormat.format(top / 2)}</span>
          <span>0</span>
        </div>
        <div className="min-w-0 flex-1">
          <svg
            aria-hidden="true"
            viewBox={`0 0 ${days.length * slot} ${height}`}
            preserveAspectRatio="none"
            className="block h-40 w-full"
          >
            {[0, 0.5, 1].map((f) => (
              <line
                key={f}
                x1="0"
                x2={days.length * slot}
                y1={height * f}
                y2={height * f}
                className="stroke-gray-200 dark:stroke-gray-800"
                strokeWidth="1"
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {days.map((d, i) => {
              const h = (d.count / top) * height;
              return (
                <rect
                  key={d.day}
                  x={i * slot + 1.5}
                  width={slot - 3}
                  y={height - h}
                  height={h}
                  rx="1"
                  className="fill-blue-600 dark:fill-blue-400"
                >
                  <title>{`${dayLabel(d.day)}: ${d.count}`}</title>
                </rect>
              );
            })}
          </svg>
          <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-gray-600 dark:text-gray-400">
            {[...labelled].map((i) => (
              <span key={i}>{days[i] ? dayLabel(days[i].day) : ""}</span>
            ))}
          </div>
        </div>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-gray-700 dark:text-gray-300">Show as a table</summary>
        <table className="mt-2 w-full max-w-xs text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="py-1 font-medium">
                Day
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Leads
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day} className="border-t border-gray-100 dark:border-gray-800">
                <td className="py-0.5">{formatDate(`${d.day}T00:00:00Z`)}</td>
                <td className="py-0.5 text-right tabular-nums">{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
