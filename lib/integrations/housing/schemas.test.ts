import { describe, expect, it } from "vitest";
import { parseLeadsResponse } from "./schemas";

const seedLead = {
  lead_name: "Akshay",
  lead_phone: "987654321",
  lead_email: "akshay.khare@housing.com",
  project_id: 1233,
  project_name: "ABC Projects",
  locality: "Powai",
  lead_date: "143534543",
};

function leadsOf(body: unknown) {
  const parsed = parseLeadsResponse(body);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.leads;
}

describe("Housing.com leads response", () => {
  it("reads the seed's fields", () => {
    expect(leadsOf([seedLead])).toEqual([
      {
        name: "Akshay",
        phone: "987654321",
        email: "akshay.khare@housing.com",
        projectId: "1233",
        projectName: "ABC Projects",
        locality: "Powai",
        leadSeconds: 143534543,
        raw: JSON.stringify(seedLead),
      },
    ]);
  });

  it("accepts a bare array, {data: […]} and {leads: […]}", () => {
    for (const body of [[seedLead], { data: [seedLead] }, { leads: [seedLead] }, { data: [seedLead], total: 1 }]) {
      expect(leadsOf(body).map((l) => l.name)).toEqual(["Akshay"]);
    }
    expect(leadsOf([])).toEqual([]);
    expect(leadsOf({ data: [] })).toEqual([]);
  });

  it("takes lead_date as an epoch string or number, in milliseconds when above 10^12", () => {
    const dates = [1467893596, "1467893596", 1467893596789, "1467893596789", "1467893596.5"].map(
      (lead_date) => leadsOf([{ ...seedLead, lead_date }])[0]!.leadSeconds,
    );
    expect(dates).toEqual([1467893596, 1467893596, 1467893596, 1467893596, 1467893596]);
  });

  it("allows name, phone and email to be null, empty or absent", () => {
    const [lead] = leadsOf([{ ...seedLead, lead_name: null, lead_phone: "", lead_email: "  " }]);
    expect([lead!.name, lead!.phone, lead!.email]).toEqual([null, null, null]);
    const { lead_email: _omitted, ...withoutEmail } = seedLead;
    expect(leadsOf([withoutEmail])[0]!.email).toBeNull();
  });

  it("keeps extra fields in the raw payload", () => {
    const withExtra = { ...seedLead, budget: "1.2 Cr", source: { channel: "app" } };
    expect(JSON.parse(leadsOf([withExtra])[0]!.raw)).toEqual(withExtra);
  });

  it("says what is wrong with anything else", () => {
    const problem = (body: unknown) => {
      const parsed = parseLeadsResponse(body);
      return parsed.ok ? "ok" : parsed.problem;
    };
    expect(problem({ apiErrors: ["x"] })).toMatch(/expected a JSON array of leads/);
    expect(problem("leads")).toMatch(/expected a JSON array/);
    expect(problem(null)).toMatch(/expected a JSON array/);
    expect(problem({ data: "none" })).toMatch(/expected a JSON array/);
    expect(problem([seedLead, { ...seedLead, lead_date: "yesterday" }])).toMatch(/^lead #2: lead_date: /);
    expect(problem([{ ...seedLead, project_id: undefined }])).toMatch(/^lead #1: project_id/);
    expect(problem([{ ...seedLead, project_id: "" }])).toMatch(/^lead #1: project_id/);
    expect(problem([{ ...seedLead, lead_date: -5 }])).toMatch(/^lead #1: lead_date/);
    expect(problem(["not a lead"])).toMatch(/^lead #1/);
  });
});
