import { useSyncExternalStore } from "react";

/**
 * The cart of a visitor who is not signed in, kept in localStorage so it survives reloads and is
 * shared by their tabs. Only product ids and quantities are stored: names, prices and stock are
 * looked up fresh (cart.quote), so the shopper never sees a stale price. Adding goes through
 * order-svc (cart.quoteAdd, see use-cart.ts), which caps it at what can be bought exactly as it caps a
 * signed-in cart, and returns the lines to store. At sign-in the cart is merged into the account's
 * cart and cleared (GuestCartMerge).
 */
export interface GuestCartLine {
  productId: string;
  quantity: number;
}

const STORAGE_KEY = "storefront.guest-cart.v1";
/** Same limits as the account cart (order-svc), so a merged cart is never refused for its size. */
export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;

const EMPTY: readonly GuestCartLine[] = Object.freeze([]);
const listeners = new Set<() => void>();
// useSyncExternalStore needs the same object back while nothing changed.
let cachedRaw: string | null = null;
let cachedLines: readonly GuestCartLine[] = EMPTY;

/** Product ids are UUIDs; order-svc refuses a whole cart over one malformed id, so drop those here. */
const PRODUCT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isLine(value: unknown): value is GuestCartLine {
  if (typeof value !== "object" || value === null) return false;
  const { productId, quantity } = value as Record<string, unknown>;
  return (
    typeof productId === "string" &&
    PRODUCT_ID.test(productId) &&
    typeof quantity === "number" &&
    Number.isInteger(quantity) &&
    quantity >= 1 &&
    quantity <= MAX_LINE_QUANTITY
  );
}

/** Tolerates anything in storage (older formats, hand edits): unreadable data is an empty cart. */
function parse(raw: string | null): readonly GuestCartLine[] {
  if (!raw) return EMPTY;
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isLine).slice(0, MAX_CART_LINES) : EMPTY;
  } catch {
    return EMPTY;
  }
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled (privacy settings): the cart then lives for this page only
  }
}

export function readGuestCart(): readonly GuestCartLine[] {
  const raw = storage()?.getItem(STORAGE_KEY) ?? null;
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedLines = parse(raw);
  }
  return cachedLines;
}

export function writeGuestCart(lines: readonly GuestCartLine[]): void {
  const store = storage();
  if (lines.length === 0) store?.removeItem(STORAGE_KEY);
  else store?.setItem(STORAGE_KEY, JSON.stringify(lines));
  for (const listener of listeners) listener();
}

export function setGuestCartQuantity(productId: string, quantity: number): void {
  writeGuestCart(
    readGuestCart().map((line) =>
      line.productId === productId ? { productId, quantity: Math.min(MAX_LINE_QUANTITY, quantity) } : line,
    ),
  );
}

export function removeFromGuestCart(productId: string): void {
  writeGuestCart(readGuestCart().filter((line) => line.productId !== productId));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Other tabs write the same key; the storage event tells this tab.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The guest cart, live across components and tabs. Empty during server rendering. */
export function useGuestCart(): readonly GuestCartLine[] {
  return useSyncExternalStore(subscribe, readGuestCart, () => EMPTY);
}
