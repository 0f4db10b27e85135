import { useSyncExternalStore } from "react";

/**
 * The cart of a visitor who is not signed in, kept in localStorage so it survives reloads and is
 * shared by their tabs. Only product ids and quantities are stored: names, prices and stock are
 * looked up fresh (cart.quote), so the shopper never sees a stale price. Adding goes through
 * order-svc (cart.quoteAdd, see use-cart.ts), which caps it at what can be bought exactly as it caps a
 * signed-in cart, and returns the lines to store. At sign-in the cart is moved into a pending merge
 * (with an id) and merged into the account's cart (GuestCartMerge); the pending merge is kept until
 * order-svc has answered, so a lost answer is retried with the same id and never merged twice.
 */
export interface GuestCartLine {
  productId: string;
  quantity: number;
}

const STORAGE_KEY = "storefront.guest-cart.v1";
const PENDING_MERGE_KEY = "storefront.guest-cart-merge.v1";
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
    return linesOf(JSON.parse(raw));
  } catch {
    return EMPTY;
  }
}

function linesOf(value: unknown): readonly GuestCartLine[] {
  return Array.isArray(value) ? value.filter(isLine).slice(0, MAX_CART_LINES) : EMPTY;
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

/** Guest-cart lines on their way into the account's cart, under the id order-svc deduplicates by. */
export interface PendingMerge {
  id: string;
  lines: readonly GuestCartLine[];
}

function readPendingMerge(): PendingMerge | null {
  const raw = storage()?.getItem(PENDING_MERGE_KEY) ?? null;
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as { id?: unknown; lines?: unknown };
    const lines = linesOf(value.lines);
    return typeof value.id === "string" && PRODUCT_ID.test(value.id) && lines.length > 0
      ? { id: value.id, lines }
      : null;
  } catch {
    return null;
  }
}

/**
 * The merge to send now: one left unfinished by an earlier page (same id, so order-svc adds nothing
 * twice), or else the guest cart, moved out of the cart into a new pending merge. Null when there is
 * nothing to merge. Without storage the merge lives for this page only.
 */
export function takePendingMerge(): PendingMerge | null {
  const unfinished = readPendingMerge();
  if (unfinished) return unfinished;
  const lines = readGuestCart();
  if (lines.length === 0) return null;
  const pending = { id: crypto.randomUUID(), lines };
  storage()?.setItem(PENDING_MERGE_KEY, JSON.stringify(pending));
  writeGuestCart([]);
  return pending;
}

/** order-svc answered the merge: it is done (or was done before). */
export function settlePendingMerge(id: string): void {
  if (readPendingMerge()?.id === id) storage()?.removeItem(PENDING_MERGE_KEY);
}

/** order-svc refused the merge outright: its lines go back to the guest cart, with anything added since. */
export function returnPendingMerge(id: string): void {
  const pending = readPendingMerge();
  if (pending?.id !== id) return;
  const addedMeanwhile = readGuestCart().filter(
    (l) => !pending.lines.some((p) => p.productId === l.productId),
  );
  storage()?.removeItem(PENDING_MERGE_KEY);
  writeGuestCart([...pending.lines, ...addedMeanwhile].slice(0, MAX_CART_LINES));
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
