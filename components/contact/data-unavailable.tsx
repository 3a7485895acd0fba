import { Section } from "@/components/ui/section";

/**
 * Stands in for a contact's notes, leads and links while the database is unavailable
 * (contract section 8): the view still shows what the host signed, and says plainly
 * that CRM Bridge's part of it is missing for now. `role="status"`: a screen reader
 * announces it without moving focus.
 */
export function DataUnavailableNotice() {
  return (
    <Section title="CRM Bridge">
      <div
        role="status"
        data-error-code="unavailable"
        data-testid="crm-unavailable"
        className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      >
        <p className="font-medium">CRM Bridge data is unavailable right now</p>
        <p className="mt-1">Notes and leads cannot be read at the moment. Reload in a minute to see them.</p>
      </div>
    </Section>
  );
}
