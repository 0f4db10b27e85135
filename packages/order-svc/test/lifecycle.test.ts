import { randomUUID } from "node:crypto";
import { ORDER_STATUSES, type OrderStatus } from "@shop/events/order-events";
import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPendingInventoryUpdates } from "../src/inventory/inventory-updates.ts";
import { canTransition } from "../src/orders/order-status.ts";
import type { AppRouter } from "../src/router/index.ts";
import { type OrderStack, shopper, startOrderStack } from "./stack.ts";

let stack: OrderStack;
beforeAll(async () => {
  stack = await startOrderStack();
});
afterAll(() => stack?.close());

const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;
const alice = shopper(1);
const bob = shopper(2);
const admin = () => stack.orders.as(callers.admin).orders;

async function placeFor(who: ReturnType<typeof shopper>, quantity = 2) {
  const p = await stack.makeProduct(10);
  const order = await stack.orders
    .as(who)
    .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity }] });
  return { order, product: p };
}

/** Drives an order to `status` along the legal path. */
async function driveTo(orderId: string, status: OrderStatus) {
  const path: Record<OrderStatus, OrderStatus[]> = {
    PENDING: [],
    CONFIRMED: ["CONFIRMED"],
    SHIPPED: ["CONFIRMED", "SHIPPED"],
    DELIVERED: ["CONFIRMED", "SHIPPED", "DELIVERED"],
    CANCELLED: ["CANCELLED"],
  };
  for (const step of path[status]) await admin().updateStatus.mutate({ orderId, status: step });
}

describe("ownership", () => {
  it("shopper B can neither read nor cancel shopper A's order (NOT_FOUND, not FORBIDDEN)", async () => {
    const { order } = await placeFor(alice);
    const asBob = stack.orders.as(bob).orders;
    expect(codeOf(await asBob.byId.query({ orderId: order.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
    expect(codeOf(await asBob.cancel.mutate({ orderId: order.id }).catch((e: unknown) => e))).toBe(
      "NOT_FOUND",
    );
    expect((await asBob.mine.query({})).items.map((o) => o.id)).not.toContain(order.id);
    expect((await stack.orders.as(alice).orders.byId.query({ orderId: order.id })).status).toBe("PENDING");
  });

  it("only admins change statuses or list every order", async () => {
    const { order } = await placeFor(alice);
    const asAlice = stack.orders.as(alice).orders;
    expect(
      codeOf(
        await asAlice.updateStatus.mutate({ orderId: order.id, status: "SHIPPED" }).catch((e: unknown) => e),
      ),
    ).toBe("FORBIDDEN");
    expect(codeOf(await asAlice.list.query({}).catch((e: unknown) => e))).toBe("FORBIDDEN");
    expect((await admin().list.query({ status: "PENDING" })).items.map((o) => o.id)).toContain(order.id);
  });
});

describe("status transitions through the API: every pair", () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const legal = canTransition(from, to);
      it(`${from} → ${to}: ${legal ? "applied" : "PRECONDITION_FAILED"}`, async () => {
        const { order } = await placeFor(alice, 1);
        await driveTo(order.id, from);
        const outcome = await admin()
          .updateStatus.mutate({ orderId: order.id, status: to })
          .then((r) => r.status)
          .catch((e: unknown) => codeOf(e));
        expect(outcome).toBe(legal ? to : "PRECONDITION_FAILED");
      });
    }
  }
});

describe("history and cancellation", () => {
  it("every change writes a history row (from, to, who, when) and an outbox event", async () => {
    const { order } = await placeFor(alice);
    await driveTo(order.id, "SHIPPED");
    const detail = await stack.orders.as(alice).orders.byId.query({ orderId: order.id });
    expect(detail.history.map((h) => [h.fromStatus, h.toStatus, h.changedByRole])).toEqual([
      [null, "PENDING", "SHOPPER"],
      ["PENDING", "CONFIRMED", "ADMIN"],
      ["CONFIRMED", "SHIPPED", "ADMIN"],
    ]);
    expect(detail.history.every((h) => h.createdAt instanceof Date)).toBe(true);
    const events = await stack.db.outboxEvent.findMany({
      where: { aggregateId: order.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.eventType)).toEqual([
      "order.created",
      "order.status.updated",
      "order.status.updated",
    ]);
  });

  it("the owner cancels a pending order and the stock comes back exactly once", async () => {
    const { order, product } = await placeFor(alice, 3);
    expect(await stack.levelsOf(product.id)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    await stack.orders.as(alice).orders.cancel.mutate({ orderId: order.id });
    const again = await stack.orders
      .as(alice)
      .orders.cancel.mutate({ orderId: order.id })
      .catch((e: unknown) => e);
    expect(codeOf(again)).toBe("PRECONDITION_FAILED");
    await applyPendingInventoryUpdates(stack.db, stack.products, stack.log);
    await applyPendingInventoryUpdates(stack.db, stack.products, stack.log);
    expect(await stack.levelsOf(product.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await stack.db.pendingInventoryUpdate.count({ where: { orderId: order.id } })).toBe(0);
  });

  it("shipping commits the stock: on hand and reserved both drop by the quantity, once", async () => {
    const { order, product } = await placeFor(alice, 3);
    await driveTo(order.id, "SHIPPED");
    // Queued in the same transaction as the status change; the worker tells product-svc.
    expect(await stack.levelsOf(product.id)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    await applyPendingInventoryUpdates(stack.db, stack.products, stack.log);
    await applyPendingInventoryUpdates(stack.db, stack.products, stack.log);
    expect(await stack.levelsOf(product.id)).toEqual({ onHand: 7, reserved: 0, available: 7 });
    const reservation = await stack.productDb.stockReservation.findUniqueOrThrow({
      where: { orderId: order.id },
    });
    expect(reservation.status).toBe("SHIPPED");
  });

  it("a stock-take while an order is open, then the order's cancellation, counts every unit once", async () => {
    const { order, product } = await placeFor(alice, 3);
    // The admin counts 12 on the shelf (the 3 held for the open order among them).
    await stack.productSvc.as(callers.admin).products.setStock.mutate({ id: product.id, onHand: 12 });
    expect(await stack.levelsOf(product.id)).toEqual({ onHand: 12, reserved: 3, available: 9 });
    await stack.orders.as(alice).orders.cancel.mutate({ orderId: order.id });
    await applyPendingInventoryUpdates(stack.db, stack.products, stack.log);
    expect(await stack.levelsOf(product.id)).toEqual({ onHand: 12, reserved: 0, available: 12 });
  });

  it("a shipped order can no longer be cancelled by its owner", async () => {
    const { order } = await placeFor(alice);
    await driveTo(order.id, "SHIPPED");
    const error = await stack.orders
      .as(alice)
      .orders.cancel.mutate({ orderId: order.id })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("PRECONDITION_FAILED");
  });

  it("shows the shopper only the cancel action, the admin every allowed move", async () => {
    const { order } = await placeFor(alice);
    expect(
      (await stack.orders.as(alice).orders.byId.query({ orderId: order.id })).allowedTransitions,
    ).toEqual(["CANCELLED"]);
    expect((await admin().byId.query({ orderId: order.id })).allowedTransitions).toEqual([
      "CONFIRMED",
      "CANCELLED",
    ]);
  });
});
