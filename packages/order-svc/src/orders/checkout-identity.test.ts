import { describe, expect, it } from "vitest";
import { z } from "zod";
import { orderIdFor, requestHash } from "./checkout-identity.ts";

describe("orderIdFor", () => {
  it("is stable per (user, key) and differs otherwise", () => {
    const a = orderIdFor("u1", "k1");
    expect(orderIdFor("u1", "k1")).toBe(a);
    expect(orderIdFor("u1", "k2")).not.toBe(a);
    expect(orderIdFor("u2", "k1")).not.toBe(a);
  });
  it("is a valid UUID", () => {
    for (let i = 0; i < 50; i++) expect(z.uuid().safeParse(orderIdFor("u", `k${i}`)).success).toBe(true);
  });
});

describe("requestHash", () => {
  it("ignores line order but not quantities", () => {
    const a = { productId: "a", quantity: 1 };
    const b = { productId: "b", quantity: 2 };
    expect(requestHash([a, b])).toBe(requestHash([b, a]));
    expect(requestHash([a, b])).not.toBe(requestHash([a, { ...b, quantity: 3 }]));
  });
});
