"use client";
// What an admin page shows when it fails after its gate let it through: the database went
// away between the gate's check and the page's reads, a staff action met a lock past its
// retries, or a bug. Never Next's generic error document (contract section 8). In
// production the error's message is withheld from the browser, so the page says what
// is most likely and offers the retry; the server has logged the cause. Admin only: an
// error boundary ships its JavaScript with every page below it, and the contact views
// embedded in the hosts answer outages themselves and stay light.
import Link from "next/link";
import { Logo } from "@/components/admin/logo";
import { link } from "@/components/ui/styles";

export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-md px-4 py-16" data-error-code="page_error">
      <p className="flex items-center gap-2 font-semibold tracking-tight">
        <Logo />
        <span>CRM Bridge</span>
      </p>
      <h1 className="mt-8 text-2xl font-semibold tracking-tight">This page could not be shown</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">
        CRM Bridge may not be able to reach its data right now; it recovers by itself. Try again in a moment.
      </p>
      <ul className="mt-6 space-y-2 text-sm">
        <li>
          <button type="button" onClick={reset} className={link}>
            Try again
          </button>
        </li>
        <li>
          <Link href="/admin" className={link}>
            Staff dashboard
          </Link>
        </li>
      </ul>
    </main>
  );
}
