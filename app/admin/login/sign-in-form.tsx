"use client";
// The sign-in form. It posts to /admin/login/session as a plain form, so it works
// without scripts; with them it posts through fetch and shows the answer in place
// (field errors beside their fields, the rate-limit message above the form).
import { useRef, useState, type FormEvent } from "react";
import { FieldError } from "@/components/admin/field-error";
import { buttonPrimary, field, fieldLabel } from "@/components/ui/styles";

type Fields = { email?: string; password?: string };
type Problem = { message: string; fields: Fields; limited: boolean } | null;

export function SignInForm({ next, initialMessage }: { next: string; initialMessage: string | null }) {
  const [problem, setProblem] = useState<Problem>(
    initialMessage ? { message: initialMessage, fields: {}, limited: false } : null,
  );
  const [pending, setPending] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    try {
      const body = new URLSearchParams();
      for (const [name, value] of new FormData(form)) if (typeof value === "string") body.append(name, value);
      const response = await fetch(form.action, { method: "POST", body, headers: { Accept: "application/json" } });
      const answer: unknown = await response.json().catch(() => null);
      if (
        response.ok &&
        answer &&
        typeof answer === "object" &&
        "redirect" in answer &&
        typeof answer.redirect === "string"
      ) {
        window.location.assign(answer.redirect);
        return;
      }
      const error =
        answer && typeof answer === "object" && "error" in answer
          ? (answer.error as { message?: string; fields?: Fields })
          : null;
      const fields = error?.fields ?? {};
      setProblem({
        message: error?.message ?? "Signing in failed. Please try again.",
        fields,
        limited: response.status === 429,
      });
      const firstInvalid = fields.email ? "email" : fields.password ? "password" : null;
      if (firstInvalid) form.querySelector<HTMLInputElement>(`#${firstInvalid}`)?.focus();
      else alertRef.current?.focus();
    } catch {
      setProblem({
        message: "CRM Bridge could not be reached. Check your connection and try again.",
        fields: {},
        limited: false,
      });
    }
    setPending(false);
  }

  const fields = problem?.fields ?? {};
  const showMessage = problem && !fields.email && !fields.password;
  return (
    <form method="post" action="/admin/login/session" onSubmit={(event) => void submit(event)} noValidate>
      <input type="hidden" name="next" value={next} />
      <div ref={alertRef} tabIndex={-1} role="alert" className="outline-none">
        {showMessage ? (
          <p
            data-testid="sign-in-error"
            className={`mb-4 rounded-lg border px-3 py-2 text-sm ${
              problem.limited
                ? "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
                : "border-red-300 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
            }`}
          >
            {problem.message}
          </p>
        ) : null}
      </div>
      <div className="mb-4">
        <label htmlFor="email" className={fieldLabel}>
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className={field}
          aria-invalid={fields.email ? true : undefined}
          aria-describedby={fields.email ? "email-error" : undefined}
        />
        <FieldError id="email-error" message={fields.email} />
      </div>
      <div className="mb-5">
        <label htmlFor="password" className={fieldLabel}>
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={field}
          aria-invalid={fields.password ? true : undefined}
          aria-describedby={fields.password ? "password-error" : undefined}
        />
        <FieldError id="password-error" message={fields.password} />
      </div>
      <button type="submit" className={`${buttonPrimary} w-full`} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
