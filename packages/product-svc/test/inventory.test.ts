import { randomUUID } from "node:crypto";
import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db.ts";
import type { AppRouter } from "../src/router/index.ts";
import { heldUnits, levelsOf, makeProduct } from "./inventory-fixtures.ts";
import { type ProductService, startProductService } from "./product-service.ts";

let service: ProductService;
let db: Db;
let svc: ProductService["svc"];

beforeAll(async () => {
  service = await startProductService({ seed: false, poolMax: 20 });
  ({ db, svc } = service);
});
afterAll(() => service?.close());

const product = (onHand: number, priceCents?: number) => makeProduct(db, onHand, priceCents);
const inventory = () => svc.as(callers.service).inventory;
const failure = (p: Promise<unknown>) =>
  p.then(() => null).catch((e: unknown) => e as TRPCClientError<AppRouter>);

describe("inventory.reserve", () => {
  it("50 concurrent orders for 20 on hand: exactly 20 succeed, all 20 reserved, none left", async () => {
    const p = await product(20);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        inventory()
          .reserve.mutate({ orderId: randomUUID(), items: [{ productId: p.id, quantity: 1 }] })
          .then(() => "ok")
          .catch((e: TRPCClientError<AppRouter>) => e.data?.code),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(20);
    expect(outcomes.filter((o) => o === "CONFLICT")).toHaveLength(30);
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 20, reserved: 20, available: 0 });
  });

  it("the same order id sent 10 times at once reserves once", async () => {
    const p = await product(100);
    const orderId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        inventory().reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 3 }] }),
      ),
    );
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(results[0]?.status).toBe("AWAITING_ORDER");
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 100, reserved: 3, available: 97 });
  });

  it("sums duplicate lines before checking what is available", async () => {
    const p = await product(5);
    const error = await failure(
      inventory().reserve.mutate({
        orderId: randomUUID(),
        items: [
          { productId: p.id, quantity: 3 },
          { productId: p.id, quantity: 3 },
        ],
      }),
    );
    expect(error?.data?.code).toBe("CONFLICT");
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });

  it("refuses more than 1000 of one product summed over lines", async () => {
    const p = await product(10);
    const error = await failure(
      inventory().reserve.mutate({
        orderId: randomUUID(),
        items: Array.from({ length: 3 }, () => ({ productId: p.id, quantity: 500 })),
      }),
    );
    expect(error?.data?.code).toBe("BAD_REQUEST");
    expect(error?.data?.fieldErrors?.items).toEqual(["At most 1000 of one product per order"]);
  });

  it("is all-or-nothing and names every short product with what is available", async () => {
    const plenty = await product(10);
    const few = await product(4);
    const none = await product(0);
    // Two of `few` are held by another order already: 2 are available.
    await inventory().reserve.mutate({ orderId: randomUUID(), items: [{ productId: few.id, quantity: 2 }] });
    const error = await failure(
      inventory().reserve.mutate({
        orderId: randomUUID(),
        items: [
          { productId: plenty.id, quantity: 1 },
          { productId: few.id, quantity: 3 },
          { productId: none.id, quantity: 1 },
        ],
      }),
    );
    expect(error?.data?.code).toBe("CONFLICT");
    expect(error?.message).toContain(`${few.name} (2 left, 3 requested)`);
    expect(error?.message).toContain(`${none.name} (sold out)`);
    expect(error?.data?.details).toEqual({
      outOfStock: expect.arrayContaining([
        { productId: few.id, name: few.name, requested: 3, available: 2 },
        { productId: none.id, name: none.name, requested: 1, available: 0 },
      ]),
    });
    expect((await levelsOf(db, plenty.id)).reserved).toBe(0);
    expect((await levelsOf(db, few.id)).reserved).toBe(2);
  });

  it("returns the name and price snapshot the order will record, in the store currency", async () => {
    const p = await product(4, 2599);
    const reservation = await inventory().reserve.mutate({
      orderId: randomUUID(),
      items: [{ productId: p.id, quantity: 2 }],
    });
    expect(reservation.items).toEqual([
      { productId: p.id, quantity: 2, name: p.name, unitPriceCents: 2599, currency: "USD" },
    ]);
  });

  it("refuses a product on sale in another currency instead of mixing two in one order", async () => {
    const usd = await product(4);
    const eur = await makeProduct(db, 4, 1000, "EUR");
    const error = await failure(
      inventory().reserve.mutate({
        orderId: randomUUID(),
        items: [
          { productId: usd.id, quantity: 1 },
          { productId: eur.id, quantity: 1 },
        ],
      }),
    );
    expect(error?.data?.code).toBe("CONFLICT");
    expect(error?.message).toBe(`${eur.name} is not priced in USD, the store's currency`);
    expect((await levelsOf(db, usd.id)).reserved).toBe(0);
  });

  it("is refused to anyone but a service", async () => {
    const p = await product(4);
    for (const caller of [callers.guest, callers.shopper, callers.admin]) {
      const error = await failure(
        svc
          .as(caller)
          .inventory.reserve.mutate({ orderId: randomUUID(), items: [{ productId: p.id, quantity: 1 }] }),
      );
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(error?.data?.code);
    }
    expect((await levelsOf(db, p.id)).reserved).toBe(0);
  });
});

describe("inventory.release, markPlaced and ship", () => {
  it("release gives the units back exactly once even when called concurrently", async () => {
    const p = await product(10);
    const orderId = randomUUID();
    await inventory().reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 4 }] });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => inventory().release.mutate({ orderId })),
    );
    expect(results.filter((r) => r.released)).toHaveLength(1);
    expect(results.every((r) => r.status === "RELEASED")).toBe(true);
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it("releasing an unknown order is a harmless no-op", async () => {
    expect(await inventory().release.mutate({ orderId: randomUUID() })).toEqual({
      released: false,
      status: null,
    });
  });

  it("ship takes the units out of on hand and reserved exactly once", async () => {
    const p = await product(10);
    const orderId = randomUUID();
    await inventory().reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 3 }] });
    await inventory().markPlaced.mutate({ orderId });
    const results = await Promise.all(Array.from({ length: 5 }, () => inventory().ship.mutate({ orderId })));
    expect(results.filter((r) => r.shipped)).toHaveLength(1);
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 7, reserved: 0, available: 7 });
    // A shipped order's units cannot come back by a release.
    expect(await inventory().release.mutate({ orderId })).toEqual({ released: false, status: "SHIPPED" });
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 7, reserved: 0, available: 7 });
  });

  it("a released reservation cannot ship", async () => {
    const p = await product(10);
    const orderId = randomUUID();
    await inventory().reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 3 }] });
    await inventory().release.mutate({ orderId });
    expect(await inventory().ship.mutate({ orderId })).toEqual({ shipped: false, status: "RELEASED" });
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it("markPlaced protects a reservation from the stale sweep", async () => {
    const p = await product(10);
    const kept = randomUUID();
    const stray = randomUUID();
    await inventory().reserve.mutate({ orderId: kept, items: [{ productId: p.id, quantity: 1 }] });
    await inventory().reserve.mutate({ orderId: stray, items: [{ productId: p.id, quantity: 1 }] });
    expect(await inventory().markPlaced.mutate({ orderId: kept })).toEqual({ status: "ORDER_PLACED" });
    await db.stockReservation.updateMany({ data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const { orderIds } = await inventory().stale.query({ olderThanSeconds: 600 });
    expect(orderIds).toContain(stray);
    expect(orderIds).not.toContain(kept);
    expect(await heldUnits(db, p.id)).toBe(2);
  });
});
