import { createHash } from "node:crypto";
import { type OrderLine, sumLines } from "./order-lines.ts";

/**
 * The order id is derived from (user, idempotency key): every retry or duplicate submit of one checkout
 * uses the same id, so product-svc's per-order idempotency turns 10 concurrent submits into one
 * reservation, and the orders table's primary key lets exactly one insert win. Formatted as an
 * RFC 9562 version-8 (custom) UUID.
 */
export function orderIdFor(userId: string, idempotencyKey: string): string {
  const hex = createHash("sha256").update(`order:${userId}:${idempotencyKey}`).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Fingerprint of a checkout request as it was sent, stored with the order to tell a retry from a
 * different order under a reused key. "Order my cart" is one request whatever the cart holds — the
 * first attempt empties the cart, so its contents cannot identify a retry. Explicit lines are
 * fingerprinted by what they order (duplicates summed, line order ignored).
 */
export function requestFingerprint(items: readonly OrderLine[] | undefined): string {
  const canonical =
    items === undefined
      ? "cart"
      : `items:${sumLines(items)
          .map((i) => `${i.productId}:${i.quantity}`)
          .sort()
          .join(",")}`;
  return createHash("sha256").update(canonical).digest("hex");
}
