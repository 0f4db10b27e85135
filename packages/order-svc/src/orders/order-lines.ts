/** Order line arithmetic, free of I/O. */
export interface OrderLine {
  productId: string;
  quantity: number;
}

/** At most this many units of one product per order, summed over its lines (and per cart line). */
export const MAX_UNITS_PER_PRODUCT = 99;

/** Sums lines of the same product, keeping the order in which products first appear. */
export function sumLines(lines: readonly OrderLine[]): OrderLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.productId, (totals.get(line.productId) ?? 0) + line.quantity);
  return [...totals].map(([productId, quantity]) => ({ productId, quantity }));
}

/** The products of which more than MAX_UNITS_PER_PRODUCT are ordered in total. */
export function overTheLimit(lines: readonly OrderLine[]): OrderLine[] {
  return sumLines(lines).filter((line) => line.quantity > MAX_UNITS_PER_PRODUCT);
}

/** True when two sets of lines order the same quantities of the same products. */
export function sameLines(a: readonly OrderLine[], b: readonly OrderLine[]): boolean {
  const key = (lines: readonly OrderLine[]) =>
    sumLines(lines)
      .map((l) => `${l.productId}:${l.quantity}`)
      .sort()
      .join(",");
  return key(a) === key(b);
}
