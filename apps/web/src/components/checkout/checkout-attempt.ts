/**
 * The idempotency key of the current checkout attempt. Created on the first "Place order" and kept
 * in sessionStorage (this tab only) until the attempt has a definite outcome, so a double click, a
 * retry after a timeout, or a reload in the middle all send the same key — and order-svc returns
 * the same order instead of placing a second one.
 */
const STORAGE_KEY = "storefront.checkout-attempt.v1";

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

// Fallback for when sessionStorage is unavailable: the key then lives as long as the page.
let inMemoryKey: string | null = null;

export function checkoutAttemptKey(): string {
  const store = storage();
  const existing = store?.getItem(STORAGE_KEY) ?? inMemoryKey;
  if (existing) return existing;
  const key = `checkout-${crypto.randomUUID()}`;
  store?.setItem(STORAGE_KEY, key);
  inMemoryKey = key;
  return key;
}

/** After success, or a refusal that the same key would only repeat: the next attempt is a new one. */
export function endCheckoutAttempt(): void {
  storage()?.removeItem(STORAGE_KEY);
  inMemoryKey = null;
}
