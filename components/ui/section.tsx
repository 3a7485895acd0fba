import type { ReactNode } from "react";

/** A titled block of the contact view. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = id ?? `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="border-t border-gray-200 pt-4 dark:border-gray-800">
      <h2
        id={headingId}
        className="mb-2 text-xs font-semibold uppercase tracking-wide text-gray-600 dark:text-gray-400"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A small label beside a value ("Primary", "mobile"). */
export function Badge({ children, tone = "gray" }: { children: ReactNode; tone?: "gray" | "blue" | "green" }) {
  const tones = {
    gray: "bg-gray-100 text-gray-700 dark:bg-gray-800 dark:text-gray-300",
    blue: "bg-blue-50 text-blue-800 dark:bg-blue-950 dark:text-blue-200",
    green: "bg-green-50 text-green-800 dark:bg-green-950 dark:text-green-200",
  };
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

/** Shown where a list has nothing in it. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-gray-600 dark:text-gray-400">{children}</p>;
}
