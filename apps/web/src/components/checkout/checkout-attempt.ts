/**
 * The idempotency key of the current checkout attempt and the cart it was made for. Created on the
 * first "Place order" and kept in sessionStorage (this tab only) until the attempt has a definite
 * outcome, so a double click, a retry after a lost response, or a reload in the middle all send the
 * same key — and order-svc answers with the order the key already placed instead of placing a second
 * one. A shopper who changes the cart in between starts a new attempt: that is a different order.
 */
const STORAGE_KEY = "storefront.checkout-attempt.v2";

export interface CheckoutAttempt {
  key: string;
  /** cartSignature() of the cart the key was made for. */
  cart: string;
}

/** What the cart orders, independent of line order. */
export function cartSignature(lines: readonly { productId: string; quantity: number }[]): string {
  return lines
    .map((line) => `${line.productId}:${line.quantity}`)
    .sort()
    .join(",");
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

// Fallback for when sessionStorage is unavailable: the attempt then lives as long as the page.
let inMemory: CheckoutAttempt | null = null;

/** The attempt still waiting for a definite outcome, if any. */
export function unfinishedCheckoutAttempt(): CheckoutAttempt | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return inMemory;
  try {
    const value = JSON.parse(raw) as Partial<CheckoutAttempt>;
    return typeof value.key === "string" && typeof value.cart === "string"
      ? { key: value.key, cart: value.cart }
      : null;
  } catch {
    return null;
  }
}

/** The key to order `cart` with: the unfinished attempt's if it was made for this cart, else a new one. */
export function checkoutAttemptKey(cart: string): string {
  const unfinished = unfinishedCheckoutAttempt();
  if (unfinished?.cart === cart) return unfinished.key;
  const attempt = { key: `checkout-${crypto.randomUUID()}`, cart };
  storage()?.setItem(STORAGE_KEY, JSON.stringify(attempt));
  inMemory = attempt;
  return attempt.key;
}

/** After an order is confirmed, or a refusal that the same key would only repeat. */
export function endCheckoutAttempt(): void {
  storage()?.removeItem(STORAGE_KEY);
  inMemory = null;
}

/**
 * Whether a failed "Place order" may still have placed the order: no answer at all (the connection
 * dropped) or a server failure. The key is then kept, and trying again is safe.
 */
export function outcomeUnknown(error: { data?: { code?: string } | null }): boolean {
  const code = error.data?.code;
  return !code || code === "INTERNAL_SERVER_ERROR" || code === "TIMEOUT";
}
