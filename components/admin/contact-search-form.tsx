// The contacts list's search and filters: a plain GET form, so it needs no script and
// every search has a URL to share or bookmark. A new search starts from the first page.
import type { ContactListQuery } from "@/lib/admin/contact-list-query";
import { maxQueryLength, sourceOptions } from "@/lib/admin/contact-list-query";
import { buttonPrimary, field, fieldLabel } from "@/components/ui/styles";

export function ContactSearchForm({ query }: { query: ContactListQuery }) {
  return (
    <form
      method="get"
      action="/admin/contacts"
      role="search"
      className="grid grid-cols-2 gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_11rem_auto] sm:items-end"
    >
      <div className="col-span-2 sm:col-span-1">
        <label htmlFor="q" className={fieldLabel}>
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={maxQueryLength}
          placeholder="Name, email or phone"
          className={field}
          autoComplete="off"
        />
      </div>
      <div>
        <label htmlFor="kind" className={fieldLabel}>
          Kind
        </label>
        <select id="kind" name="kind" defaultValue={query.kind} className={field}>
          <option value="">All</option>
          <option value="person">People</option>
          <option value="company">Companies</option>
        </select>
      </div>
      <div>
        <label htmlFor="source" className={fieldLabel}>
          Source
        </label>
        <select id="source" name="source" defaultValue={query.source} className={field}>
          <option value="">Any source</option>
          {sourceOptions.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={`${buttonPrimary} col-span-2 sm:col-span-1`}>
        Search
      </button>
    </form>
  );
}
