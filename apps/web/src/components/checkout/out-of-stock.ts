/** One line the order could not be placed for, as order-svc reports it in `details.outOfStock`. */
export interface OutOfStockLine {
  productId: string;
  name: string | null;
  requested: number;
  available: number;
}

function isOutOfStockLine(value: unknown): value is OutOfStockLine {
  if (typeof value !== "object" || value === null) return false;
  const line = value as Record<string, unknown>;
  return (
    typeof line.productId === "string" &&
    (typeof line.name === "string" || line.name === null) &&
    typeof line.requested === "number" &&
    typeof line.available === "number"
  );
}

/** The out-of-stock lines of a failed order placement, or [] when the failure was something else. */
export function outOfStockLines(errorData: unknown): OutOfStockLine[] {
  const details = (errorData as { details?: { outOfStock?: unknown } } | null | undefined)?.details;
  const lines = details?.outOfStock;
  return Array.isArray(lines) ? lines.filter(isOutOfStockLine) : [];
}

export function describeShortage(line: OutOfStockLine): string {
  if (line.available <= 0) return `sold out (you asked for ${line.requested})`;
  return `only ${line.available} left (you asked for ${line.requested})`;
}
