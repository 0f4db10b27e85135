import { z } from "zod";

/** Reservation arithmetic, free of I/O so it can be tested on its own. */
export const MAX_LINE_QUANTITY = 1_000;

export const reservationItemSchema = z.object({
  productId: z.uuid(),
  quantity: z.number().int().min(1, "Quantity must be at least 1").max(MAX_LINE_QUANTITY),
});
export type ReservationItem = z.infer<typeof reservationItemSchema>;

/** An order's lines: at most 100, and at most MAX_LINE_QUANTITY of one product summed over its lines. */
export const reservationItemsSchema = z
  .array(reservationItemSchema)
  .min(1, "An order needs at least one item")
  .max(100)
  .refine(
    (items) => mergeLines(items).every((line) => line.quantity <= MAX_LINE_QUANTITY),
    `At most ${MAX_LINE_QUANTITY} of one product per order`,
  );

/**
 * Sums duplicate product lines (two "2 × skillet" lines reserve 4, checked against stock once) and
 * orders lines by product id, so concurrent reservations lock rows in the same order and cannot
 * deadlock each other.
 */
export function mergeLines(items: readonly ReservationItem[]): ReservationItem[] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.productId, (totals.get(item.productId) ?? 0) + item.quantity);
  return [...totals.entries()]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

export interface Shortage {
  productId: string;
  name: string | null;
  requested: number;
  available: number;
}

/** "Not enough stock: Headlamp (2 left, 3 requested); Tent (sold out)." */
export function describeShortages(shortages: readonly Shortage[]): string {
  const parts = shortages.map((s) => {
    const name = s.name ?? "An unknown product";
    if (s.available <= 0) return `${name} (sold out)`;
    return `${name} (${s.available} left, ${s.requested} requested)`;
  });
  return `Not enough stock: ${parts.join("; ")}.`;
}
