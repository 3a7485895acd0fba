// Any address CRM Bridge does not have: the brand, what happened, and the ways on.
import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/admin/logo";
import { link } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-16" data-error-code="not_found">
      <p className="flex items-center gap-2 font-semibold tracking-tight">
        <Logo />
        <span>CRM Bridge</span>
      </p>
      <h1 className="mt-8 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <ul className="mt-6 space-y-2 text-sm">
        <li>
          <Link href="/" className={link}>
            CRM Bridge home
          </Link>
        </li>
        <li>
          <Link href="/admin" className={link}>
            Staff sign-in
          </Link>
        </li>
      </ul>
    </main>
  );
}
