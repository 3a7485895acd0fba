import Link from "next/link";

export default function ContactNotFound() {
  return (
    <main className="mx-auto mt-16 max-w-md px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">No such contact</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">It may have been merged or removed by a connector.</p>
      <p className="mt-6">
        <Link href="/admin/contacts" className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
          Back to contacts
        </Link>
      </p>
    </main>
  );
}
