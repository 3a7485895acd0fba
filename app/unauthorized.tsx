import Link from "next/link";

// Shown when a server action refuses with 401 (the session ended while a page was open).
export default function Unauthorized() {
  return (
    <main className="mx-auto mt-16 max-w-md px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Please sign in again</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">Your session has ended, so nothing was changed.</p>
      <p className="mt-6">
        <Link
          href="/admin/login"
          className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
        >
          Sign in
        </Link>
      </p>
    </main>
  );
}
