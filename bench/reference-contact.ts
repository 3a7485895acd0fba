// The constant contact the benchmark's framework references render: the size of a
// typical widget view, so the page reference costs what rendering the view costs.
import type { CrmRecord } from "@/lib/contacts/view-model";

const at = "2026-11-30T12:00:00.000Z";

export const referenceRecord: CrmRecord = {
  id: "reference",
  card: {
    kind: "person",
    name: "Jane Reference",
    stage: "Lead",
    companyName: "Acme Real Estate",
    emails: [{ value: "jane.reference@example.com", label: null, isPrimary: true }],
    phones: [{ value: "+1 555 0100", label: "mobile", isPrimary: true }],
    addresses: [],
    company: null,
  },
  notes: [
    {
      id: "n1",
      body: "Called Jane Reference about a viewing.",
      author: "staff@example.com",
      createdAt: at,
      updatedAt: at,
    },
  ],
  leads: [{ id: "l1", source: "housing", projectName: "Project 7", locality: "Powai", leadDate: at }],
  links: [{ system: "suresend", externalId: "ss-reference", url: null }],
};
