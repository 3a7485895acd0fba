// What the contact view shows, independent of where the data came from (a host's
// signed context, or our own records). Plain data: safe to hand to any component.

export type ContactMethod = { value: string; label: string | null; isPrimary: boolean };

export type Address = {
  type: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  code: string | null;
  country: string | null;
  isPrimary: boolean;
};

export type CompanyFacts = {
  industry: string | null;
  website: string | null;
  description: string | null;
  companySize: string | null;
  annualRevenue: number | null;
  foundedDate: string | null;
  registrationNumber: string | null;
  taxId: string | null;
};

export type ContactCard = {
  kind: "person" | "company";
  name: string;
  stage: string | null;
  /** the company a person belongs to */
  companyName: string | null;
  emails: ContactMethod[];
  phones: ContactMethod[];
  addresses: Address[];
  company: CompanyFacts | null;
};

export type NoteItem = { id: string; body: string; author: string | null; createdAt: string; updatedAt: string };
export type LeadItem = {
  id: string;
  source: string;
  projectName: string | null;
  locality: string | null;
  leadDate: string;
};
export type ExternalLink = { system: string; externalId: string; url: string | null };

/** A contact as CRM Bridge knows it. */
export type CrmRecord = {
  id: string;
  card: ContactCard;
  notes: NoteItem[];
  leads: LeadItem[];
  links: ExternalLink[];
};

/** Names of the systems a contact can be linked to, as people know them. */
export const systemNames: Record<string, string> = {
  suresend: "Sure Send",
  socialsignin: "SocialSignIn",
  retailcrm: "retailCRM",
  housing: "Housing.com",
  crmcom: "CRM.COM",
  demo: "Demo data",
};
