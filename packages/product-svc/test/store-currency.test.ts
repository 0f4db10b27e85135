import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db.ts";
import { loadEnv } from "../src/env.ts";
import type { AppRouter } from "../src/router/index.ts";
import { ensureStoreCurrency } from "../src/store/currency.ts";
import { makeProduct } from "./inventory-fixtures.ts";
import { type ProductService, startProductService } from "./product-service.ts";

let service: ProductService;
let db: Db;
let svc: ProductService["svc"];

beforeAll(async () => {
  service = await startProductService();
  ({ db, svc } = service);
});
afterAll(() => service?.close());

const admin = () => svc.as(callers.admin).products;
const failure = (p: Promise<unknown>) =>
  p.then(() => null).catch((e: unknown) => e as TRPCClientError<AppRouter>);
const lamp = {
  name: "Desk Lamp",
  sku: "HOM-LAMP-1",
  description: "A lamp.",
  priceCents: 4500,
  categorySlug: "home",
};

describe("one store currency", () => {
  it("is public", async () => {
    for (const caller of [callers.guest, callers.shopper, callers.service]) {
      expect(await svc.as(caller).store.get.query()).toEqual({ currency: "USD" });
    }
  });

  it("prices every new product in it, and refuses another one on create and update", async () => {
    const created = await admin().create.mutate(lamp);
    expect(created.currency).toBe("USD");
    const refused = await failure(admin().create.mutate({ ...lamp, sku: "HOM-LAMP-2", currency: "EUR" }));
    expect(refused?.data?.code).toBe("BAD_REQUEST");
    expect(refused?.data?.fieldErrors).toEqual({ currency: ["This store sells in USD: prices are in USD"] });
    const update = await failure(admin().update.mutate({ id: created.id, currency: "eur" }));
    expect(update?.data?.fieldErrors).toEqual({ currency: ["This store sells in USD: prices are in USD"] });
    expect((await admin().update.mutate({ id: created.id, currency: "usd" })).currency).toBe("USD");
  });

  it("a product still priced in another currency is restored only once it has a price in the store's", async () => {
    const legacy = await makeProduct(db, 3, 1200, "EUR");
    await db.product.update({ where: { id: legacy.id }, data: { archivedAt: new Date() } });
    const refused = await failure(admin().archive.mutate({ id: legacy.id, archived: false }));
    expect(refused?.data?.code).toBe("PRECONDITION_FAILED");
    expect(refused?.message).toBe(
      "This product is priced in EUR. Give it a price in USD before restoring it.",
    );
    const repriced = await admin().update.mutate({ id: legacy.id, priceCents: 1300 });
    expect([repriced.priceCents, repriced.currency]).toEqual([1300, "USD"]);
    expect((await admin().archive.mutate({ id: legacy.id, archived: false })).archivedAt).toBeNull();
  });

  it("listing, filtering and sorting by price only ever see the store currency", async () => {
    const page = await svc.as(callers.guest).products.list.query({ limit: 60, sort: "price_asc" });
    expect(new Set(page.items.map((p) => p.currency))).toEqual(new Set(["USD"]));
  });

  it("cannot be changed by configuration once prices exist in it", async () => {
    expect(await ensureStoreCurrency(db, "USD")).toBe("USD");
    await expect(ensureStoreCurrency(db, "EUR")).rejects.toThrow(
      "STORE_CURRENCY is EUR, but this store's prices are in USD. Set STORE_CURRENCY=USD;",
    );
  });
});

describe("STORE_CURRENCY", () => {
  const base = { INTERNAL_JWT_SECRET: "x".repeat(32), DATABASE_URL: "postgres://localhost/db" };
  it("defaults to USD and accepts any currency with cents", () => {
    expect(loadEnv(base).STORE_CURRENCY).toBe("USD");
    expect(loadEnv({ ...base, STORE_CURRENCY: " eur " }).STORE_CURRENCY).toBe("EUR");
  });
  it("refuses codes that are not currencies, and currencies without cents", () => {
    expect(() => loadEnv({ ...base, STORE_CURRENCY: "ABC" })).toThrow("not a currency this runtime knows");
    expect(() => loadEnv({ ...base, STORE_CURRENCY: "JPY" })).toThrow("a currency with cents");
    expect(() => loadEnv({ ...base, STORE_CURRENCY: "dollars" })).toThrow("3-letter currency code");
  });
});
