import type { Role } from "@shop/service-kit/auth";

/** The product columns read by detail reads and admin writes alike (shaped by presentProduct). */
export const productDetailSelect = {
  id: true,
  slug: true,
  sku: true,
  name: true,
  description: true,
  priceCents: true,
  currency: true,
  imageUrl: true,
  onHand: true,
  reserved: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  category: { select: { slug: true, name: true } },
} as const;

export interface StockLevels {
  /** Units on the shelf (the last stock-take, minus shipments since). */
  onHand: number;
  /** Units held for placed orders that have not shipped yet. */
  reserved: number;
}

/**
 * What callers see of a product's stock: `available` (on hand − reserved, what can be bought now)
 * for everyone, the two counters behind it for admins only — reserved units tell how many orders
 * are open, which is the shop's business, not its visitors'.
 */
export function presentProduct<T extends { onHand: number; reserved: number; currency: string }>(
  row: T,
  viewer: Role,
): Omit<T, "onHand" | "reserved"> & { available: number; stockLevels: StockLevels | null } {
  const { onHand, reserved, ...rest } = row;
  return {
    ...rest,
    currency: row.currency.trim(),
    available: onHand - reserved,
    stockLevels: viewer === "ADMIN" ? { onHand, reserved } : null,
  };
}
