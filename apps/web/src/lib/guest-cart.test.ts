import { beforeEach, describe, expect, it, vi } from "vitest";

const ID_A = "3c407a3b-87bc-43dc-8e06-e296c4150743";
const ID_B = "51a30ba5-482b-4a14-83f2-a46e5977a2d2";

/** A minimal window with localStorage, enough for the guest cart outside a browser. */
function fakeWindow() {
  const items = new Map<string, string>();
  return {
    localStorage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
}

async function loadCart() {
  vi.resetModules();
  return import("./guest-cart.ts");
}

describe("guest cart in localStorage", () => {
  beforeEach(() => {
    vi.stubGlobal("window", fakeWindow());
  });

  it("stores the lines it is given, caps a typed quantity at 99, and removes lines", async () => {
    const cart = await loadCart();
    cart.writeGuestCart([
      { productId: ID_A, quantity: 5 },
      { productId: ID_B, quantity: 2 },
    ]);
    cart.setGuestCartQuantity(ID_B, 500);
    expect(cart.readGuestCart()).toEqual([
      { productId: ID_A, quantity: 5 },
      { productId: ID_B, quantity: 99 },
    ]);
    cart.removeFromGuestCart(ID_A);
    cart.setGuestCartQuantity(ID_B, 4);
    expect(cart.readGuestCart()).toEqual([{ productId: ID_B, quantity: 4 }]);
  });

  it("treats unreadable or foreign data as an empty cart and drops malformed lines", async () => {
    const cart = await loadCart();
    const storage = (window as unknown as ReturnType<typeof fakeWindow>).localStorage;
    storage.setItem("storefront.guest-cart.v1", "{not json");
    expect(cart.readGuestCart()).toEqual([]);
    storage.setItem(
      "storefront.guest-cart.v1",
      JSON.stringify([
        { productId: ID_A, quantity: 1 },
        { productId: "not-a-uuid", quantity: 1 },
        { productId: ID_B, quantity: 0 },
      ]),
    );
    expect(cart.readGuestCart()).toEqual([{ productId: ID_A, quantity: 1 }]);
  });

  it("returns the same array while storage is unchanged (stable for useSyncExternalStore)", async () => {
    const cart = await loadCart();
    cart.writeGuestCart([{ productId: ID_A, quantity: 1 }]);
    expect(cart.readGuestCart()).toBe(cart.readGuestCart());
  });
});

describe("a guest cart on its way into the account (pending merge)", () => {
  beforeEach(() => {
    vi.stubGlobal("window", fakeWindow());
  });

  it("moves the cart into a pending merge, and hands out the same merge again until it is settled", async () => {
    const cart = await loadCart();
    cart.writeGuestCart([{ productId: ID_A, quantity: 2 }]);
    const first = cart.takePendingMerge();
    expect(first?.lines).toEqual([{ productId: ID_A, quantity: 2 }]);
    expect(cart.readGuestCart()).toEqual([]);

    // The answer was lost and the page reloaded: the retry carries the same id and lines.
    const reloaded = await loadCart();
    expect(reloaded.takePendingMerge()).toEqual(first);

    reloaded.settlePendingMerge(first?.id ?? "");
    expect(reloaded.takePendingMerge()).toBeNull();
  });

  it("after a merge is settled, a new guest cart becomes a new merge with a new id", async () => {
    const cart = await loadCart();
    cart.writeGuestCart([{ productId: ID_A, quantity: 1 }]);
    const first = cart.takePendingMerge();
    cart.settlePendingMerge(first?.id ?? "");
    cart.writeGuestCart([{ productId: ID_B, quantity: 3 }]);
    const second = cart.takePendingMerge();
    expect(second?.id).not.toBe(first?.id);
    expect(second?.lines).toEqual([{ productId: ID_B, quantity: 3 }]);
  });

  it("puts a refused merge back into the guest cart beside what was added meanwhile", async () => {
    const cart = await loadCart();
    cart.writeGuestCart([{ productId: ID_A, quantity: 2 }]);
    const pending = cart.takePendingMerge();
    cart.writeGuestCart([{ productId: ID_B, quantity: 1 }]);
    cart.returnPendingMerge(pending?.id ?? "");
    expect(cart.readGuestCart()).toEqual([
      { productId: ID_A, quantity: 2 },
      { productId: ID_B, quantity: 1 },
    ]);
    expect(cart.takePendingMerge()?.id).not.toBe(pending?.id);
  });
});
