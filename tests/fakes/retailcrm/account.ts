// The data of a fake retailCRM account — individual and corporate customers — and the history the
// platform writes as they change. Why each record looks the way it does is in ../retailcrm-server.ts.
import { entityShapes, type Corporate, type Customer, type Json } from "./shapes";

export type { Json } from "./shapes";
export type Actor = { source?: "user" | "api" | "code"; userId?: number; apiKey?: string };

export type CustomerInput = {
  externalId?: string;
  site?: string;
  firstName?: string;
  lastName?: string;
  patronymic?: string;
  email?: string;
  phones?: string[];
  isContact?: boolean;
};
export type CustomerChange = Omit<CustomerInput, "site" | "isContact">;

export type CorporateInput = {
  externalId?: string;
  site?: string;
  nickName?: string;
  /** legal entities; the first becomes the main company */
  companies?: string[];
  /** ids of individual customers who are its contact persons; the first becomes the main contact */
  contacts?: number[];
};

export type HistoryKind = "customers" | "corporate";
export type StoredRecord = {
  id: number;
  kind: HistoryKind;
  at: number;
  created?: true;
  deleted?: true;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  actor: Actor;
  /** what the record says of its customer: the full customer on created/deleted, else a reference */
  customer: Json;
  company?: Json;
  combinedTo?: Json;
};

/** History field names (snake_case, as the platform writes them) of the fields a test may change. */
const customerFields = {
  firstName: "first_name",
  lastName: "last_name",
  patronymic: "patronymic",
  email: "email",
  externalId: "external_id",
} as const;

export type FakeAccount = ReturnType<typeof createAccount>;

export function createAccount(options: { now: () => number; site?: string; formatDate: (ms: number) => string }) {
  const site = options.site ?? "fake-shop";
  const customers = new Map<number, Customer>();
  const corporates = new Map<number, Corporate>();
  const history: StoredRecord[] = [];
  // One id sequence for both kinds of customer, as the platform's samples show (corporate 5041, its
  // contact 5042, the next corporate 5043); one for the records of both histories.
  let lastCustomerId = 0;
  let lastRecordId = 0;
  let lastLinkId = 0;

  const { customerJson, companyRef, companyJson, corporateJson, reference } = entityShapes(options.formatDate);

  function record(kind: HistoryKind, actor: Actor, fields: Omit<StoredRecord, "id" | "kind" | "at" | "actor">) {
    history.push({ id: ++lastRecordId, kind, at: options.now(), actor: { source: "user", ...actor }, ...fields });
  }

  function customerOf(id: number) {
    const c = customers.get(id);
    if (!c) throw new Error(`the fake account has no customer ${id}`);
    return c;
  }
  function corporateOf(id: number) {
    const c = corporates.get(id);
    if (!c) throw new Error(`the fake account has no corporate customer ${id}`);
    return c;
  }

  function addCustomer(input: CustomerInput = {}, by: Actor = {}) {
    const { phones, ...rest } = input;
    const c: Customer = {
      isContact: false,
      ...rest,
      site: input.site ?? site,
      id: ++lastCustomerId,
      createdAt: options.now(),
      phones: [...(phones ?? [])],
    };
    customers.set(c.id, c);
    // One record when a customer is created: field "id", the new id, and the whole customer.
    record("customers", by, { created: true, field: "id", oldValue: null, newValue: c.id, customer: customerJson(c) });
    return c.id;
  }

  /** Changes fields of a customer: one history record per changed field, one per phone added or removed. */
  function updateCustomer(id: number, change: CustomerChange, by: Actor = {}) {
    const c = customerOf(id);
    for (const [key, field] of Object.entries(customerFields) as [keyof typeof customerFields, string][]) {
      if (!(key in change) || change[key] === c[key]) continue;
      const oldValue = c[key] ?? null;
      c[key] = change[key];
      record("customers", by, { field, oldValue, newValue: change[key] ?? null, customer: reference(c) });
    }
    if (change.phones) {
      const next = change.phones;
      for (const gone of c.phones.filter((n) => !next.includes(n)))
        record("customers", by, { field: "phones", oldValue: gone, newValue: null, customer: reference(c) });
      for (const added of next.filter((n) => !c.phones.includes(n)))
        record("customers", by, { field: "phones", oldValue: null, newValue: added, customer: reference(c) });
      c.phones = [...next];
    }
  }

  /** Deletes a customer: the list forgets it; its history keeps one record with the whole customer. */
  function deleteCustomer(id: number, by: Actor = {}) {
    const c = customerOf(id);
    customers.delete(id);
    record("customers", by, { deleted: true, field: "id", oldValue: id, newValue: null, customer: customerJson(c) });
  }

  function addCorporate(input: CorporateInput = {}, by: Actor = {}) {
    const now = options.now();
    for (const customerId of input.contacts ?? []) customerOf(customerId).isContact = true;
    const companies = (input.companies ?? []).map((name) => ({ id: ++lastLinkId, name, createdAt: now }));
    const c: Corporate = {
      id: ++lastCustomerId,
      createdAt: now,
      site: input.site ?? site,
      ...(input.externalId !== undefined && { externalId: input.externalId }),
      ...(input.nickName !== undefined && { nickName: input.nickName }),
      companies,
      ...(companies[0] && { mainCompanyId: companies[0].id }),
      contacts: (input.contacts ?? []).map((customerId) => ({ id: ++lastLinkId, customerId })),
    };
    corporates.set(c.id, c);
    record("corporate", by, {
      created: true,
      field: "id",
      oldValue: null,
      newValue: c.id,
      customer: corporateJson(c, true),
    });
    return c.id;
  }

  function updateCorporate(id: number, change: { nickName?: string; externalId?: string }, by: Actor = {}) {
    const c = corporateOf(id);
    if ("nickName" in change && change.nickName !== c.nickName) {
      record("corporate", by, {
        field: "nick_name",
        oldValue: c.nickName ?? null,
        newValue: change.nickName ?? null,
        customer: reference(c),
      });
      c.nickName = change.nickName;
    }
    if ("externalId" in change && change.externalId !== c.externalId) {
      record("corporate", by, {
        field: "external_id",
        oldValue: c.externalId ?? null,
        newValue: change.externalId ?? null,
        customer: reference(c),
      });
      c.externalId = change.externalId;
    }
  }

  /** Adds a legal entity to a corporate customer ("company"; "main_company" too when it is the first). */
  function addCompany(corporateId: number, name: string, by: Actor = {}) {
    const c = corporateOf(corporateId);
    const k = { id: ++lastLinkId, name, createdAt: options.now() };
    c.companies.push(k);
    record("corporate", by, {
      field: "company",
      oldValue: null,
      newValue: companyRef(k),
      customer: reference(c),
      company: companyJson(k),
    });
    if (c.mainCompanyId === undefined) {
      c.mainCompanyId = k.id;
      record("corporate", by, {
        field: "main_company",
        oldValue: null,
        newValue: companyRef(k),
        customer: reference(c),
      });
    }
    return k.id;
  }

  function renameCompany(corporateId: number, companyId: number, name: string, by: Actor = {}) {
    const c = corporateOf(corporateId);
    const k = c.companies.find((x) => x.id === companyId);
    if (!k) throw new Error(`corporate customer ${corporateId} has no company ${companyId}`);
    if (k.name === name) return;
    record("corporate", by, {
      field: "company.name",
      oldValue: k.name,
      newValue: name,
      customer: reference(c),
      company: companyRef({ ...k, name }),
    });
    k.name = name;
  }

  function deleteCorporate(id: number, by: Actor = {}) {
    const c = corporateOf(id);
    corporates.delete(id);
    record("corporate", by, {
      deleted: true,
      field: "id",
      oldValue: id,
      newValue: null,
      customer: corporateJson(c, true),
    });
  }

  /**
   * The platform's own bookkeeping that changes no contact data — most records of a real history are these
   * (69 of 100 in api-client-php's history fixture): a customer joins or leaves a segment, by "code".
   */
  function changeSegment(id: number, code: string, joined: boolean, by: Actor = { source: "code" }) {
    const c = customerOf(id);
    const value = { code };
    record("customers", by, {
      field: "segments",
      oldValue: joined ? null : value,
      newValue: joined ? value : null,
      customer: reference(c),
    });
  }

  /**
   * Merges customers into one that stays: each merged customer is deleted, its record naming the survivor in
   * `combinedTo` (a field of api-client-php src/Model/Entity/Customers/CustomerHistory.php; its exact record
   * is not in any fixture — this shape is inferred).
   */
  function combineCustomers(mergedIds: number[], intoId: number, by: Actor = {}) {
    const survivor = customerOf(intoId);
    for (const id of mergedIds) {
      const c = customerOf(id);
      customers.delete(id);
      record("customers", by, {
        deleted: true,
        field: "id",
        oldValue: id,
        newValue: null,
        customer: customerJson(c),
        combinedTo: reference(survivor),
      });
    }
  }

  /** Adds `count` customers at once (each with its "created" record), for bulk tests. */
  function seedCustomers(count: number, make: (i: number) => CustomerInput = defaultCustomer) {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push(addCustomer(make(i)));
    return ids;
  }

  return {
    site,
    addCustomer,
    updateCustomer,
    deleteCustomer,
    changeSegment,
    combineCustomers,
    addCorporate,
    updateCorporate,
    addCompany,
    renameCompany,
    deleteCorporate,
    seedCustomers,
    /** one page of the live customers of a kind, as the list shows them */
    listPage(kind: HistoryKind, q: { ids?: number[]; newestFirst: boolean; offset: number; limit: number }) {
      const all: (Customer | Corporate)[] = [...(kind === "customers" ? customers : corporates).values()];
      const wanted = q.ids ? new Set(q.ids) : undefined;
      const matching = wanted ? all.filter((c) => wanted.has(c.id)) : all;
      if (q.newestFirst) matching.reverse(); // Map order is insertion order: ascending ids
      const items = matching.slice(q.offset, q.offset + q.limit);
      return {
        totalCount: matching.length,
        items: items.map((c) => ("phones" in c ? customerJson(c) : corporateJson(c))),
      };
    },
    /** every record of a history, ascending ids */
    records: (kind: HistoryKind) => history.filter((r) => r.kind === kind),
    lastRecordId: () => lastRecordId,
  };
}

const defaultCustomer = (i: number): CustomerInput => ({
  firstName: `First${i}`,
  lastName: `Last${i}`,
  email: `customer${i}@example.test`,
  phones: [`+7900${String(i).padStart(7, "0")}`],
});
