import { callers } from "@shop/testing/service";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db.ts";
import type { AppRouter } from "../src/router/index.ts";
import catalog from "../src/seed/catalog.json" with { type: "json" };
import { seedCatalog } from "../src/seed/seed-catalog.ts";
import { type ProductService, STORE_CURRENCY, startProductService } from "./product-service.ts";

let service: ProductService;
let db: Db;
let svc: ProductService["svc"];

beforeAll(async () => {
  service = await startProductService();
  ({ db, svc } = service);
});
afterAll(() => service?.close());

describe("seed", () => {
  it("is idempotent: a second run creates nothing and keeps the count", async () => {
    const again = await seedCatalog(db, STORE_CURRENCY);
    expect(again.created).toBe(0);
    expect(await db.product.count()).toBe(catalog.products.length);
  });
});

describe("products.list over HTTP", () => {
  const guest = () => svc.as(callers.guest);

  it("returns the newest products first with a total", async () => {
    const page = await guest().products.list.query({ limit: 5 });
    expect(page.total).toBe(catalog.products.length);
    expect(page.items).toHaveLength(5);
    expect(page.sort).toBe("newest");
    const last = catalog.products.at(-1);
    expect(page.items[0]?.name).toBe(last?.name);
  });

  it("walks every page exactly once with the cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await guest().products.list.query({ limit: 7, sort: "price_asc", cursor });
      seen.push(...page.items.map((p) => p.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(catalog.products.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("sorts by price both ways", async () => {
    const up = await guest().products.list.query({ limit: 60, sort: "price_asc" });
    const prices = up.items.map((p) => p.priceCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const down = await guest().products.list.query({ limit: 60, sort: "price_desc" });
    expect(down.items.map((p) => p.priceCents)).toEqual([...prices].reverse());
  });

  it("filters by category and price range", async () => {
    const page = await guest().products.list.query({
      category: "audio",
      minPriceCents: 8000,
      maxPriceCents: 20000,
    });
    const expected = catalog.products.filter(
      (p) => p.category === "audio" && p.priceCents >= 8000 && p.priceCents <= 20000,
    );
    expect(page.total).toBe(expected.length);
    expect(page.items.map((p) => p.category.slug)).toEqual(expected.map(() => "audio"));
  });

  it("searches by word prefix, ranking name matches", async () => {
    const page = await guest().products.list.query({ q: "headph" });
    expect(page.sort).toBe("relevance");
    expect(page.items[0]?.name).toBe("Wireless Noise-Cancelling Headphones");
    const none = await guest().products.list.query({ q: "zzzxqv" });
    expect(none.total).toBe(0);
    expect(none.items).toEqual([]);
  });

  it("treats tsquery operators in search text as plain text", async () => {
    const page = await guest().products.list.query({ q: "wool & | ! :* ( ')" });
    expect(page.items.length).toBeGreaterThan(0);
    expect(
      page.items.every(
        (p) => /wool/i.test(p.name) || p.category.slug === "apparel" || p.category.slug === "home",
      ),
    ).toBe(true);
  });

  it("rejects bad input with BAD_REQUEST and field messages", async () => {
    const error = await guest()
      .products.list.query({ minPriceCents: 500, maxPriceCents: 100, limit: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as TRPCClientError<AppRouter>).data;
    expect(data?.code).toBe("BAD_REQUEST");
    expect(data?.fieldErrors?.limit?.[0]).toMatch(/>=?\s*1|at least/i);
    expect(data?.fieldErrors?.maxPriceCents).toEqual(["Maximum price must not be below the minimum price"]);
  });

  it("rejects a forged cursor", async () => {
    const error = await guest()
      .products.list.query({ cursor: "not-a-cursor" })
      .catch((e: unknown) => e);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("BAD_REQUEST");
  });
});

describe("products.bySlug", () => {
  it("finds a product and 404s an unknown slug", async () => {
    const product = await svc.as(callers.guest).products.bySlug.query({ slug: "chefs-knife-20-cm" });
    expect(product.sku).toBe("KIT-002");
    expect(product.category.slug).toBe("kitchen");
    const error = await svc
      .as(callers.guest)
      .products.bySlug.query({ slug: "no-such-thing" })
      .catch((e: unknown) => e);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("NOT_FOUND");
  });
});
