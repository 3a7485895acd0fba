// How the platform writes customers, corporate customers and their companies in its answers (fixtures of
// retailcrm/api-client-php tests/src/ResourceGroup/CustomersTest.php and CustomersCorporateTest.php).
import type { CustomerInput } from "./account";

export type Json = Record<string, unknown>;

export type Customer = Required<Pick<CustomerInput, "site" | "isContact">> &
  Omit<CustomerInput, "phones" | "site" | "isContact"> & { id: number; createdAt: number; phones: string[] };
export type Company = { id: number; name: string; createdAt: number };
export type Corporate = {
  id: number;
  createdAt: number;
  site: string;
  externalId?: string;
  nickName?: string;
  companies: Company[];
  mainCompanyId?: number;
  contacts: { id: number; customerId: number }[];
};

/** The JSON of each entity, dates written by `date` (the account's format and zone). */
export function entityShapes(date: (ms: number) => string) {
  const customerJson = (c: Customer): Json => ({
    type: "customer",
    id: c.id,
    ...(c.externalId !== undefined && { externalId: c.externalId }),
    isContact: c.isContact,
    createdAt: date(c.createdAt),
    vip: false,
    bad: false,
    site: c.site,
    contragent: { contragentType: "individual" },
    tags: [],
    marginSumm: 0,
    totalSumm: 0,
    averageSumm: 0,
    ordersCount: 0,
    costSumm: 0,
    customFields: [], // PHP's empty array: an object when it has fields, [] when it has none
    personalDiscount: 0,
    cumulativeDiscount: 0,
    segments: [],
    ...(c.firstName !== undefined && { firstName: c.firstName }),
    ...(c.lastName !== undefined && { lastName: c.lastName }),
    ...(c.patronymic !== undefined && { patronymic: c.patronymic }),
    ...(c.email !== undefined && { email: c.email }),
    phones: c.phones.map((number) => ({ number })),
  });

  const companyRef = (k: Company) => ({ id: k.id, name: k.name });
  const companyJson = (k: Company): Json => ({
    id: k.id,
    active: true,
    name: k.name,
    createdAt: date(k.createdAt),
    contragent: { contragentType: "legal-entity" },
    marginSumm: 0,
    totalSumm: 0,
    averageSumm: 0,
    ordersCount: 0,
    customFields: [],
  });
  const mainCompany = (c: Corporate) => c.companies.find((k) => k.id === c.mainCompanyId);

  /** A corporate customer as the list shows it: its main company and main contact, not all of them. */
  const corporateJson = (c: Corporate, full = false): Json => {
    const main = mainCompany(c);
    const contact = c.contacts[0];
    return {
      type: "customer_corporate",
      id: c.id,
      ...(c.externalId !== undefined && { externalId: c.externalId }),
      ...(c.nickName !== undefined && { nickName: c.nickName }),
      ...(full && { customerContacts: c.contacts.map((l) => ({ id: l.id, customer: { id: l.customerId } })) }),
      createdAt: date(c.createdAt),
      vip: false,
      bad: false,
      site: c.site,
      tags: [],
      marginSumm: 0,
      totalSumm: 0,
      averageSumm: 0,
      ordersCount: 0,
      customFields: [],
      personalDiscount: 0,
      cumulativeDiscount: 0,
      ...(full && { companies: c.companies.map(companyJson) }),
      ...(contact && { mainCustomerContact: { id: contact.id, customer: { id: contact.customerId } } }),
      ...(main && { mainCompany: companyRef(main) }),
    };
  };

  const reference = (c: { id: number; externalId?: string; site: string }): Json => ({
    id: c.id,
    ...(c.externalId !== undefined && { externalId: c.externalId }),
    site: c.site,
  });
  return { customerJson, companyRef, companyJson, corporateJson, reference };
}
