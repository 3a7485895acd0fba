// The frame of every signed-in admin page: header with navigation and sign-out, then
// the page. Server-rendered; the current page is passed in, so no client script is
// needed to highlight it.
import type { ReactNode } from "react";
import Link from "next/link";
import type { Staff } from "@/lib/auth/sessions";
import { signOut } from "@/app/admin/actions";
import { buttonQuiet } from "@/components/ui/styles";
import { Logo } from "./logo";

export type AdminSection = "dashboard" | "contacts" | "connections" | "sync";

const sections: { id: AdminSection; label: string; href: string }[] = [
  { id: "dashboard", label: "Dashboard", href: "/admin" },
  { id: "contacts", label: "Contacts", href: "/admin/contacts" },
  { id: "connections", label: "Connections", href: "/admin/connections" },
  { id: "sync", label: "Sync", href: "/admin/sync" },
];

export function AdminShell({
  staff,
  current,
  children,
}: {
  staff: Staff;
  current: AdminSection | null;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen bg-gray-50 dark:bg-gray-950">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-gray-900"
      >
        Skip to content
      </a>
      <header className="border-b border-gray-200 bg-white dark:border-gray-800 dark:bg-gray-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 sm:py-3">
          <Link href="/admin" className="flex items-center gap-2 font-semibold tracking-tight">
            <Logo />
            <span>CRM Bridge</span>
          </Link>
          <nav aria-label="Admin" className="order-last -mx-1 w-full overflow-x-auto sm:order-none sm:mx-0 sm:w-auto">
            <ul className="flex gap-0.5 sm:gap-1">
              {sections.map((s) => (
                <li key={s.id}>
                  <Link
                    href={s.href}
                    aria-current={s.id === current ? "page" : undefined}
                    className="block whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium sm:px-3 text-gray-700 hover:bg-gray-100 hover:text-gray-900 aria-[current=page]:bg-blue-50 aria-[current=page]:text-blue-800 dark:text-gray-300 dark:hover:bg-gray-800 dark:hover:text-white dark:aria-[current=page]:bg-blue-950 dark:aria-[current=page]:text-blue-200"
                  >
                    {s.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex min-w-0 items-center gap-2">
            <span className="hidden truncate text-sm text-gray-600 md:inline dark:text-gray-400" title={staff.email}>
              {staff.name ?? staff.email}
            </span>
            <form action={signOut}>
              <button type="submit" className={buttonQuiet}>
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}
