import type { CompanyFacts as Facts } from "@/lib/contacts/view-model";
import { formatDate, formatRevenue, isoDate, safeHttpUrl } from "@/lib/contacts/format";
import { Section } from "@/components/ui/section";

function Website({ value }: { value: string }) {
  const url = safeHttpUrl(value);
  // Only http(s) becomes a link; anything else (javascript:, data:…) is shown as text.
  return url ? (
    <a
      className="break-all text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
    >
      {value}
    </a>
  ) : (
    <span className="break-all">{value}</span>
  );
}

export function CompanyFacts({ facts }: { facts: Facts }) {
  const rows: [string, React.ReactNode][] = [];
  if (facts.industry) rows.push(["Industry", facts.industry]);
  if (facts.website) rows.push(["Website", <Website key="w" value={facts.website} />]);
  if (facts.companySize) rows.push(["Size", `${facts.companySize} employees`]);
  if (facts.annualRevenue !== null) rows.push(["Annual revenue", formatRevenue(facts.annualRevenue)]);
  if (facts.foundedDate) {
    rows.push([
      "Founded",
      <time key="f" dateTime={isoDate(facts.foundedDate)}>
        {formatDate(facts.foundedDate)}
      </time>,
    ]);
  }
  if (facts.registrationNumber) rows.push(["Registration no.", facts.registrationNumber]);
  if (facts.taxId) rows.push(["Tax ID", facts.taxId]);
  if (rows.length === 0 && !facts.description) return null;
  return (
    <Section title="Company">
      {facts.description ? <p className="mb-3 text-sm">{facts.description}</p> : null}
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-gray-600 dark:text-gray-400">{label}</dt>
            <dd className="mb-1 sm:mb-0">{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
