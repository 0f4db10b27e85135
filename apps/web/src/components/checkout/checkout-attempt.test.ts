import { beforeEach, describe, expect, it, vi } from "vitest";

function fakeWindow() {
  const items = new Map<string, string>();
  return {
    sessionStorage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    },
  };
}

async function load() {
  vi.resetModules();
  return import("./checkout-attempt.ts");
}

describe("the checkout attempt's idempotency key", () => {
  beforeEach(() => {
    vi.stubGlobal("window", fakeWindow());
  });

  it("is kept across failed or lost attempts for the same cart, until the attempt ends", async () => {
    const attempt = await load();
    const cart = attempt.cartSignature([
      { productId: "b", quantity: 1 },
      { productId: "a", quantity: 2 },
    ]);
    const key = attempt.checkoutAttemptKey(cart);
    expect(
      attempt.checkoutAttemptKey(
        attempt.cartSignature([
          { productId: "a", quantity: 2 },
          { productId: "b", quantity: 1 },
        ]),
      ),
    ).toBe(key);
    expect(attempt.unfinishedCheckoutAttempt()).toEqual({ key, cart });
    attempt.endCheckoutAttempt();
    expect(attempt.unfinishedCheckoutAttempt()).toBeNull();
    expect(attempt.checkoutAttemptKey(cart)).not.toBe(key);
  });

  it("is new once the shopper changed the cart", async () => {
    const attempt = await load();
    const key = attempt.checkoutAttemptKey("a:1");
    expect(attempt.checkoutAttemptKey("a:2")).not.toBe(key);
  });

  it("tells an unknown outcome (lost response, server failure) from a refusal", async () => {
    const { outcomeUnknown } = await load();
    expect(outcomeUnknown({})).toBe(true);
    expect(outcomeUnknown({ data: { code: "INTERNAL_SERVER_ERROR" } })).toBe(true);
    expect(outcomeUnknown({ data: { code: "CONFLICT" } })).toBe(false);
  });
});
