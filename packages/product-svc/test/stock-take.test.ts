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

const inventory = () => svc.as(callers.service).inventory;
const admin = () => svc.as(callers.admin).products;

describe("products.setStock: a stock-take sets on hand only", () => {
  it("a count taken while an order is open, then the order's cancellation, does not double-count", async () => {
    const p = await makeProduct(db, 10);
    const orderId = randomUUID();
    await inventory().reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 4 }] });
    // The admin counts the shelf: the 4 units held for the open order are still on it.
    const counted = await admin().setStock.mutate({ id: p.id, onHand: 10 });
    expect([counted.available, counted.stockLevels]).toEqual([6, { onHand: 10, reserved: 4 }]);
    await inventory().release.mutate({ orderId });
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it("refuses a count below what open orders hold, on the onHand field", async () => {
    const p = await makeProduct(db, 10);
    await inventory().reserve.mutate({ orderId: randomUUID(), items: [{ productId: p.id, quantity: 4 }] });
    const error = (await admin()
      .setStock.mutate({ id: p.id, onHand: 3 })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.data?.fieldErrors).toEqual({
      onHand: ["4 units are held for orders that have not shipped, so on hand cannot be less than 4"],
    });
    expect(await levelsOf(db, p.id)).toEqual({ onHand: 10, reserved: 4, available: 6 });
  });

  it("shows on hand and reserved to admins only; everyone sees what is available", async () => {
    const p = await makeProduct(db, 5);
    await inventory().reserve.mutate({ orderId: randomUUID(), items: [{ productId: p.id, quantity: 2 }] });
    const asAdmin = await svc.as(callers.admin).products.byId.query({ id: p.id });
    expect([asAdmin.available, asAdmin.stockLevels]).toEqual([3, { onHand: 5, reserved: 2 }]);
    for (const caller of [callers.guest, callers.shopper, callers.service]) {
      const seen = await svc.as(caller).products.byId.query({ id: p.id });
      expect([seen.available, seen.stockLevels]).toEqual([3, null]);
      const listed = await svc.as(caller).products.list.query({ limit: 60 });
      expect(listed.items.find((i) => i.id === p.id)).toMatchObject({ available: 3, stockLevels: null });
    }
  });
});

/**
 * Checkouts (reserve), cancellations (release) and shipments race with an admin's stock-takes on one
 * product. While they run, snapshots check what must always hold; afterwards the counters must add up.
 */
describe("stock-takes concurrent with checkouts, cancellations and shipments", () => {
  it("never lets available go negative, keeps reserved = held units, and on hand = count − shipped", async () => {
    const p = await makeProduct(db, 20);
    const violations: string[] = [];
    let racing = true;
    const watcher = (async () => {
      while (racing) {
        // One consistent snapshot of the counters and of the reservations behind them.
        const [levels, held] = await db.$transaction(
          async (tx) => [
            await tx.product.findUniqueOrThrow({
              where: { id: p.id },
              select: { onHand: true, reserved: true },
            }),
            await tx.stockReservationItem.aggregate({
              where: { productId: p.id, reservation: { status: { in: ["AWAITING_ORDER", "ORDER_PLACED"] } } },
              _sum: { quantity: true },
            }),
          ],
          { isolationLevel: "RepeatableRead" },
        );
        if (levels.onHand - levels.reserved < 0)
          violations.push(`available ${levels.onHand - levels.reserved}`);
        if (levels.reserved !== (held._sum.quantity ?? 0))
          violations.push(`reserved ${levels.reserved} ≠ held ${held._sum.quantity ?? 0}`);
      }
    })();

    // Phase 1: checkouts and cancellations while the admin counts three times (each count higher than
    // anything that can be held, so none is refused; they run one after another, so the last one sent
    // is the last one applied).
    const counts = [24, 30, 35];
    const placed: string[] = [];
    const checkoutsAndCancels = Array.from({ length: 40 }, async (_, i) => {
      const orderId = randomUUID();
      const ok = await inventory()
        .reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 1 + (i % 3) }] })
        .then(() => true)
        .catch((e: TRPCClientError<AppRouter>) => {
          if (e.data?.code !== "CONFLICT") throw e;
          return false;
        });
      if (!ok) return;
      if (i % 3 === 0) await inventory().release.mutate({ orderId });
      else placed.push(orderId);
    });
    const stockTakes = (async () => {
      for (const onHand of counts) await admin().setStock.mutate({ id: p.id, onHand });
    })();
    await Promise.all([...checkoutsAndCancels, stockTakes]);
    expect((await levelsOf(db, p.id)).onHand).toBe(counts.at(-1));

    // Phase 2: half of the placed orders ship, the other half are cancelled, while new checkouts come in.
    const shipped = placed.filter((_, i) => i % 2 === 0);
    const cancelled = placed.filter((_, i) => i % 2 === 1);
    const shippedUnits = (
      await db.stockReservationItem.aggregate({
        where: { orderId: { in: shipped } },
        _sum: { quantity: true },
      })
    )._sum.quantity;
    await Promise.all([
      ...shipped.map((orderId) => inventory().ship.mutate({ orderId })),
      ...cancelled.map((orderId) => inventory().release.mutate({ orderId })),
      ...Array.from({ length: 10 }, () =>
        inventory()
          .reserve.mutate({ orderId: randomUUID(), items: [{ productId: p.id, quantity: 1 }] })
          .catch((e: TRPCClientError<AppRouter>) => {
            if (e.data?.code !== "CONFLICT") throw e;
          }),
      ),
    ]);
    racing = false;
    await watcher;

    expect(placed.length).toBeGreaterThan(5);
    expect(violations).toEqual([]);
    const end = await levelsOf(db, p.id);
    expect(end.onHand).toBe((counts.at(-1) ?? 0) - (shippedUnits ?? 0));
    expect(end.reserved).toBe(await heldUnits(db, p.id));
    expect(end.available).toBeGreaterThanOrEqual(0);
  });
});
