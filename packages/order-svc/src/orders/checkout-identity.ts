import { createHash } from "node:crypto";

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

/** Fingerprint of what was ordered, order-insensitive, to detect a key reused for a different cart. */
export function requestHash(items: readonly { productId: string; quantity: number }[]): string {
  const canonical = items
    .map((i) => `${i.productId}:${i.quantity}`)
    .sort()
    .join(",");
  return createHash("sha256").update(canonical).digest("hex");
}
