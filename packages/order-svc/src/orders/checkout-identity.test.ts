import { describe, expect, it } from "vitest";
import { z } from "zod";
import { orderIdFor, requestFingerprint } from "./checkout-identity.ts";

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

describe("requestFingerprint", () => {
  const a = { productId: "a", quantity: 1 };
  const b = { productId: "b", quantity: 2 };

  it("describes a cart checkout as such, whatever the cart holds", () => {
    expect(requestFingerprint(undefined)).toBe(requestFingerprint(undefined));
    expect(requestFingerprint(undefined)).not.toBe(requestFingerprint([a]));
  });

  it("ignores line order and split lines, but not quantities", () => {
    expect(requestFingerprint([a, b])).toBe(requestFingerprint([b, a]));
    expect(requestFingerprint([a, a, b])).toBe(requestFingerprint([b, { productId: "a", quantity: 2 }]));
    expect(requestFingerprint([a, b])).not.toBe(requestFingerprint([a, { ...b, quantity: 3 }]));
  });
});
