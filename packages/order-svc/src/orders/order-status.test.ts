import { ORDER_STATUSES, type OrderStatus } from "@shop/events/order-events";
import { describe, expect, it } from "vitest";
import { allowedTransitions, canTransition, inventoryActionFor, isCancellable } from "./order-status.ts";

const LEGAL = new Set([
  "PENDING→CONFIRMED",
  "PENDING→CANCELLED",
  "CONFIRMED→SHIPPED",
  "CONFIRMED→CANCELLED",
  "SHIPPED→DELIVERED",
]);

describe("order state machine: every pair of statuses", () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const legal = LEGAL.has(`${from}→${to}`);
      it(`${from} → ${to} is ${legal ? "allowed" : "refused"}`, () => {
        expect(canTransition(from, to)).toBe(legal);
      });
    }
  }
});

describe("helpers", () => {
  it("only PENDING and CONFIRMED orders can be cancelled", () => {
    expect(ORDER_STATUSES.filter((s: OrderStatus) => isCancellable(s))).toEqual(["PENDING", "CONFIRMED"]);
  });
  it("terminal states have no way out", () => {
    expect(allowedTransitions("DELIVERED")).toEqual([]);
    expect(allowedTransitions("CANCELLED")).toEqual([]);
  });
});

describe("inventoryActionFor", () => {
  it("releases on cancellation, ships on SHIPPED, and nothing else touches inventory", () => {
    expect(ORDER_STATUSES.map((s: OrderStatus) => [s, inventoryActionFor(s)])).toEqual([
      ["PENDING", null],
      ["CONFIRMED", null],
      ["SHIPPED", "SHIP"],
      ["DELIVERED", null],
      ["CANCELLED", "RELEASE"],
    ]);
  });
  it("a shipped order can never be released as well: CANCELLED is unreachable after SHIPPED", () => {
    const reachable = new Set<OrderStatus>();
    const walk = (s: OrderStatus) => {
      for (const next of allowedTransitions(s)) {
        if (!reachable.has(next)) {
          reachable.add(next);
          walk(next);
        }
      }
    };
    walk("SHIPPED");
    expect([...reachable]).toEqual(["DELIVERED"]);
  });
});
