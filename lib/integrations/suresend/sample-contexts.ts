// Sure Send contexts of demo contacts, shaped as the seed's examples, for signed test
// URLs (`npm run widget:url`, the demo banner, the admin Connections page).
import { demoContacts, type DemoContact } from "@/lib/demo/demo-data";
import { phoneDigits } from "@/lib/contacts/normalize";

const team = { id: "123e4567-e89b-12d3-a456-426614174000", name: "Acme Real Estate" };
const user = { id: "123e4567-e89b-12d3-a456-426614174001", email: "agent@acme-real-estate.example" };

function sample(kind: "person" | "company"): DemoContact {
  // The richest demo contact of the kind: one with notes (and leads for a person).
  const found = demoContacts().find(
    (d) => d.contact.kind === kind && d.notes.length > 0 && (kind === "company" || d.leads.length > 0),
  );
  if (!found) throw new Error(`the demo data has no ${kind} with notes`);
  return found;
}

function methods(d: DemoContact) {
  return {
    emails: (d.contact.emails ?? []).map((e, i) => ({
      id: `email-${i + 1}`,
      email: e.email,
      value: e.email.toLowerCase(),
      isPrimary: e.isPrimary ? 1 : 0,
    })),
    phones: (d.contact.phones ?? []).map((p, i) => ({
      id: `phone-${i + 1}`,
      phone: p.phone,
      type: p.type ?? "mobile",
      isPrimary: p.isPrimary ? 1 : 0,
      normalized: phoneDigits(p.phone),
    })),
  };
}

export function samplePersonContext(now = new Date()) {
  const d = sample("person");
  return {
    team,
    user,
    person: {
      id: `suresend-${d.key}`,
      firstName: d.contact.firstName,
      lastName: d.contact.lastName,
      stage: { name: d.contact.stage ?? "Lead" },
      ...methods(d),
    },
    timestamp: now.toISOString(),
  };
}

export function sampleCompanyContext(now = new Date()) {
  const d = sample("company");
  const c = d.contact;
  return {
    team,
    user,
    company: {
      id: `suresend-${d.key}`,
      name: c.name,
      industry: c.industry,
      website: c.website,
      description: c.description,
      companySize: c.companySize,
      annualRevenue: c.annualRevenue,
      foundedDate: c.foundedDate?.toISOString(),
      registrationNumber: c.registrationNumber,
      taxId: c.taxId,
      stage: { name: c.stage ?? "Customer" },
      ...methods(d),
      addresses: (c.addresses ?? []).map((a, i) => ({ id: `address-${i + 1}`, ...a, isPrimary: a.isPrimary ? 1 : 0 })),
    },
    timestamp: now.toISOString(),
  };
}
