export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">CRM Bridge</h1>
      <p className="mt-4 text-gray-600 dark:text-gray-300">
        Your CRM&apos;s contacts, notes and leads inside the tools your agents already use: signed contact views for
        Sure Send and SocialSignIn, a retailCRM module, and connectors that pull leads and contacts in.
      </p>
      <ul className="mt-8 space-y-2">
        <li>
          <a className="text-blue-700 underline dark:text-blue-400" href="/admin">
            Staff sign-in
          </a>
        </li>
        <li>
          <a className="text-blue-700 underline dark:text-blue-400" href="/api/health">
            Health check
          </a>
        </li>
      </ul>
    </main>
  );
}
