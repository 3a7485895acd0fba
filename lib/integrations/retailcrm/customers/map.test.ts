import { describe, expect, it } from "vitest";
import { customerReference, mapCustomer } from "./map";

const account = { systemUrl: "https://shop.retailcrm.ru" };

describe("mapCustomer", () => {
  it("names a person firstName patronymic lastName, with the email and every phone, linked to the customer", () => {
    const mapped = mapCustomer(account, "customers", {
      id: 42,
      firstName: "Ivan",
      patronymic: "Petrovich",
      lastName: "Sidorov",
      email: "Ivan@Example.com",
      phones: [{ number: "+7 900 111-22-33" }, { number: "" }, { number: "8 (900) 444" }],
      customFields: [],
    });
    expect(mapped).toEqual({
      ok: true,
      customer: {
        id: 42,
        externalId: "shop.retailcrm.ru/customers/42",
        url: "https://shop.retailcrm.ru/customers/42",
        input: {
          kind: "person",
          firstName: "Ivan Petrovich",
          lastName: "Sidorov",
          emails: [{ email: "Ivan@Example.com", isPrimary: true }],
          phones: [
            { phone: "+7 900 111-22-33", isPrimary: true },
            { phone: "8 (900) 444", isPrimary: false },
          ],
        },
      },
    });
  });

  it("reads an empty email as none, and names a company by its nickname, else its main company", () => {
    const noEmail = mapCustomer(account, "customers", { id: 1, firstName: "A", email: "" });
    expect(noEmail.ok && noEmail.customer.input.emails).toEqual([]);
    const company = mapCustomer(account, "corporate", { id: 7, mainCompany: { id: 3, name: "Horns LLC" } });
    expect(company).toMatchObject({
      ok: true,
      customer: {
        externalId: "shop.retailcrm.ru/customers-corporate/7",
        url: "https://shop.retailcrm.ru/customers-corporate/7",
        input: { kind: "company", name: "Horns LLC" },
      },
    });
    const nick = mapCustomer(account, "corporate", { id: 8, nickName: "Hooves", mainCompany: { name: "Horns LLC" } });
    expect(nick.ok && nick.customer.input.name).toBe("Hooves");
  });

  it("says why a record cannot be imported, with its id", () => {
    expect(mapCustomer(account, "customers", { id: 5 })).toEqual({
      ok: false,
      id: "5",
      reason: "it has no name, email or phone",
    });
    expect(mapCustomer(account, "corporate", { id: "x" })).toMatchObject({ ok: false, id: "x" });
    expect(mapCustomer(account, "customers", { id: 6, phones: "none" })).toMatchObject({
      ok: false,
      id: "6",
      reason: expect.stringMatching(/^phones: /),
    });
  });

  it("keeps the account's port in the reference, so two accounts on one host never share one", () => {
    expect(customerReference({ systemUrl: "http://127.0.0.1:4001/" }, "customers", 1).externalId).toBe(
      "127.0.0.1:4001/customers/1",
    );
  });
});
