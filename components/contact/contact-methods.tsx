import type { Address, ContactMethod } from "@/lib/contacts/view-model";
import { addressLines, primaryFirst } from "@/lib/contacts/format";
import { Badge, Empty, Section } from "@/components/ui/section";

function MethodList({
  items,
  href,
  empty,
}: {
  items: ContactMethod[];
  href: (value: string) => string;
  empty: string;
}) {
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul className="space-y-1">
      {primaryFirst(items).map((item, i) => (
        <li key={`${item.value}-${i}`} className="flex flex-wrap items-center gap-2 text-sm">
          <a
            className="break-all text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
            href={href(item.value)}
          >
            {item.value}
          </a>
          {item.label ? <Badge>{item.label}</Badge> : null}
          {item.isPrimary ? <Badge tone="blue">Primary</Badge> : null}
        </li>
      ))}
    </ul>
  );
}

export function Emails({ emails }: { emails: ContactMethod[] }) {
  return (
    <Section title="Emails">
      <MethodList
        items={emails}
        href={(v) => `mailto:${encodeURIComponent(v).replace(/%40/g, "@")}`}
        empty="No email address."
      />
    </Section>
  );
}

export function Phones({ phones }: { phones: ContactMethod[] }) {
  return (
    <Section title="Phones">
      <MethodList items={phones} href={(v) => `tel:${v.replace(/[^\d+]/g, "")}`} empty="No phone number." />
    </Section>
  );
}

export function Addresses({ addresses }: { addresses: Address[] }) {
  if (addresses.length === 0) return null;
  return (
    <Section title="Addresses">
      <ul className="space-y-2">
        {primaryFirst(addresses).map((a, i) => (
          <li key={i} className="text-sm">
            <address className="not-italic">
              {addressLines(a).map((line, n) => (
                <span key={n} className="block">
                  {line}
                </span>
              ))}
            </address>
            <span className="mt-1 flex gap-2">
              {a.type ? <Badge>{a.type}</Badge> : null}
              {a.isPrimary ? <Badge tone="blue">Primary</Badge> : null}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
