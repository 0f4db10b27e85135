/** Presentation helpers shared by server and client components (pure, no server imports). */

export const SHOP_NAME = "Storefront";
const LOCALE = "en-US";

const priceFormatters = new Map<string, Intl.NumberFormat>();

/** Money is integer minor units everywhere; only here does it become a display string. */
export function formatPrice(cents: number, currency: string): string {
  let formatter = priceFormatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALE, { style: "currency", currency });
    priceFormatters.set(currency, formatter);
  }
  // Scale by the currency's own number of minor digits (2 for USD/EUR, 0 for JPY) at display time
  // only; amounts stay integers in every calculation.
  const minorDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(cents / 10 ** minorDigits);
}

export type StockState = "in_stock" | "low_stock" | "out_of_stock";

/** At or below this many units the shopper is told stock is running out. */
export const LOW_STOCK_THRESHOLD = 10;

/** From how many can be bought now (available = on hand − reserved). */
export function stockStateOf(available: number): StockState {
  if (available <= 0) return "out_of_stock";
  return available <= LOW_STOCK_THRESHOLD ? "low_stock" : "in_stock";
}

export function stockLabel(available: number): string {
  switch (stockStateOf(available)) {
    case "out_of_stock":
      return "Out of stock";
    case "low_stock":
      return `Only ${available} left`;
    case "in_stock":
      return "In stock";
  }
}
