import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/current-staff";
import { safeNextPath } from "@/lib/auth/next-path";
import { Logo } from "@/components/admin/logo";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Messages for the answers of a sign-in sent without scripts (see session/route.ts). */
const messages: Record<string, string> = {
  unauthorized: "That email and password do not match an account.",
  bad_request: "Enter your email address and password.",
};

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const one = (name: string) => [params[name]].flat()[0];
  const next = safeNextPath(one("next"));
  if (await currentStaff()) redirect(next);
  const error = one("error");
  const signedOut = one("signedOut") === "1";
  return (
    <main className="flex min-h-screen items-center justify-center bg-gray-50 px-4 py-12 dark:bg-gray-950">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <Logo className="mx-auto h-10 w-10" />
          <h1 className="mt-3 text-2xl font-semibold tracking-tight">Sign in to CRM Bridge</h1>
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">For staff: contacts, notes and connections.</p>
        </div>
        <div className="rounded-xl border border-gray-200 bg-white p-6 shadow-sm dark:border-gray-800 dark:bg-gray-900">
          {signedOut ? (
            <p
              role="status"
              className="mb-4 rounded-lg bg-gray-100 px-3 py-2 text-sm text-gray-800 dark:bg-gray-800 dark:text-gray-200"
            >
              You have signed out.
            </p>
          ) : null}
          <SignInForm next={next} initialMessage={error ? (messages[error] ?? null) : null} />
        </div>
      </div>
    </main>
  );
}
