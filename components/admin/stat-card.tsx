import type { ReactNode } from "react";
import Link from "next/link";

const numberFormat = new Intl.NumberFormat("en-US");

/** One number that matters, with what it counts and where to see more. */
export function StatCard({
  label,
  value,
  detail,
  href,
}: {
  label: string;
  value: number;
  detail?: ReactNode;
  href?: string;
}) {
  const body = (
    <>
      <dt className="text-sm font-medium text-gray-600 dark:text-gray-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums tracking-tight sm:text-3xl">
        {numberFormat.format(value)}
      </dd>
      {detail ? <dd className="mt-1 text-xs text-gray-600 dark:text-gray-400">{detail}</dd> : null}
    </>
  );
  const frame =
    "block h-full rounded-xl border border-gray-200 bg-white p-4 shadow-sm dark:border-gray-800 dark:bg-gray-900";
  return href ? (
    <Link
      href={href}
      className={`${frame} hover:border-blue-300 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:border-blue-800`}
    >
      <dl>{body}</dl>
    </Link>
  ) : (
    <dl className={frame}>{body}</dl>
  );
}
