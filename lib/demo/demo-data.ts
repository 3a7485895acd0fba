// The demo data set of `npm run demo`: fixed, so every run seeds the same contacts.
import type { ContactInput } from "@/lib/db/contacts";

const firstNames = [
  "Jane",
  "José",
  "Aisha",
  "Chen",
  "Zoë",
  "Liam",
  "Priya",
  "Mateo",
  "Sofia",
  "Noah",
  "Amara",
  "Élodie",
  "Kenji",
  "Fatima",
  "Lukas",
  "Ingrid",
  "Ravi",
  "Olivia",
  "Tomás",
  "Hana",
  "Marek",
  "Nadia",
  "Diego",
  "Freya",
  "Omar",
] as const;
const lastNames = [
  "Doe",
  "Álvarez",
  "Khan",
  "Wei",
  "Müller",
  "O'Brien",
  "Sharma",
  "García",
  "Rossi",
  "Smith",
  "Okafor",
  "Lefèvre",
  "Tanaka",
  "Haddad",
  "Schmidt",
  "Larsen",
  "Patel",
  "Brown",
  "Núñez",
  "Kim",
] as const;
const stages = ["Lead", "Prospect", "Qualified", "Customer", "Past client"] as const;
const companies = [
  ["Acme Real Estate", "Real Estate", "201-500", 50_000_000],
  ["Northwind Homes", "Construction", "51-200", 12_500_000],
  ["Blue Harbor Realty", "Real Estate", "11-50", 3_200_000],
  ["Lumen Analytics", "Technology", "51-200", 8_750_000.5],
  ["Café Olé Group", "Hospitality", "11-50", 1_900_000],
  ["Granite & Oak Builders", "Construction", "501-1000", 120_000_000],
  ["Skyline Ventures", "Finance", "1-10", 450_000],
  ["Meridian Legal", "Legal Services", "11-50", 2_750_000],
  ["Evergreen Property Mgmt", "Real Estate", "51-200", 6_400_000],
  ["Prism Health", "Healthcare", "1001-5000", 310_000_000],
] as const;
const cities = [
  ["123 Main Street", "San Francisco", "CA", "94105", "United States"],
  ["8 Harbour Road", "Mumbai", "MH", "400001", "India"],
  ["14 Rue de Rivoli", "Paris", "", "75001", "France"],
  ["2-1 Marunouchi", "Tokyo", "", "100-0005", "Japan"],
  ["55 King Street", "Toronto", "ON", "M5H 1J9", "Canada"],
] as const;
const noteTexts = [
  "Called about the 3BR listing; wants a viewing next week.",
  "Prefers email. Budget confirmed with the bank.",
  "Asked for comparables in the area before making an offer.",
  "Follow up after the school term ends.",
  "Met at the open house; interested in new projects near the metro.",
];
const projects = [
  ["P-101", "Skyline Residency", "Powai"],
  ["P-202", "Green Meadows", "Whitefield"],
  ["P-303", "Harbour View", "Bandra West"],
] as const;

export type DemoContact = {
  key: string;
  contact: ContactInput;
  companyKey?: string;
  notes: string[];
  leads: { projectId: string; projectName: string; locality: string; daysAgo: number }[];
};

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

export function demoContacts(): DemoContact[] {
  const list: DemoContact[] = companies.map(([name, industry, size, revenue], i) => {
    const [street, city, state, code, country] = cities[i % cities.length]!;
    const domain = `${slug(name).replace(/\./g, "")}.example.com`;
    return {
      key: `company-${i + 1}`,
      contact: {
        kind: "company",
        name,
        industry,
        companySize: size,
        annualRevenue: revenue,
        website: `https://${domain}`,
        description: `${name} is a demo company of CRM Bridge.`,
        foundedDate: new Date(Date.UTC(1990 + i * 3, i % 12, 1 + i)),
        registrationNumber: `REG-${10000 + i * 137}`,
        taxId: `TAX-${60000 + i * 911}`,
        stage: stages[i % stages.length],
        emails: [{ email: `info@${domain}`, isPrimary: true }],
        phones: [{ phone: `+1-555-01${String(i).padStart(2, "0")}`, type: "work", isPrimary: true }],
        addresses: [{ type: "office", street, city, state: state || null, code, country, isPrimary: true }],
      },
      notes: i % 3 === 0 ? [`Key account. ${noteTexts[i % noteTexts.length]}`] : [],
      leads: [],
    };
  });
  for (let i = 0; i < 50; i++) {
    const firstName = firstNames[i % firstNames.length]!;
    const lastName = lastNames[(i * 7) % lastNames.length]!;
    const email = `${slug(firstName)}.${slug(lastName)}${i}@example.com`;
    list.push({
      key: `person-${i + 1}`,
      companyKey: i % 4 === 0 ? `company-${(i % companies.length) + 1}` : undefined,
      contact: {
        kind: "person",
        firstName,
        lastName,
        stage: stages[i % stages.length],
        emails: [
          { email, isPrimary: true },
          ...(i % 5 === 0 ? [{ email: `${slug(firstName)}${i}@work.example.org`, label: "work" }] : []),
        ],
        phones: [
          { phone: `+91 98${String(2000000 + i * 7919).padStart(8, "0")}`, type: "mobile", isPrimary: true },
          ...(i % 6 === 0 ? [{ phone: `+1 (555) 02${String(i).padStart(2, "0")}`, type: "home" }] : []),
        ],
      },
      notes: noteTexts.slice(0, i % 4),
      leads:
        i % 3 === 0
          ? [projects[i % projects.length]!].map(([projectId, projectName, locality]) => ({
              projectId,
              projectName,
              locality,
              daysAgo: i % 30,
            }))
          : [],
    });
  }
  return list;
}
