/** Stock facts about cart lines, shared by the cart and checkout pages. */
interface StockedLine {
  quantity: number;
  available: number;
  /** False once the product is archived: it can no longer be ordered at all. */
  sellable: boolean;
}

export function isShort(line: StockedLine): boolean {
  return !line.sellable || line.available < line.quantity;
}

export function hasShortage(lines: readonly StockedLine[]): boolean {
  return lines.some(isShort);
}

/** What the shopper should do about a line that cannot be ordered as it is; null when it can. */
export function shortageMessage(line: StockedLine): string | null {
  if (!isShort(line)) return null;
  if (!line.sellable) return "No longer sold — remove it to check out.";
  if (line.available <= 0) return "Sold out — remove it to check out.";
  return `Only ${line.available} left — lower the quantity to check out.`;
}
