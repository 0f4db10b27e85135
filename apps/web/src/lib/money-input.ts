/**
 * Prices are typed by admins as decimal strings ("12.5", "1,299.00") and stored as integer cents.
 * The conversion works on the digits of the string, never on a float: parseFloat("1.15") * 100 is
 * 114.99999999999999, and rounding that hides mistakes rather than preventing them.
 */

export type CentsParse = { ok: true; cents: number } | { ok: false; error: string };

/** Nine integer digits keep every result far below Number.MAX_SAFE_INTEGER. */
const MAX_INTEGER_DIGITS = 9;

// Optional "$", then either plain digits or digits grouped in threes with commas, then up to two decimals.
const DECIMAL_PRICE = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/;

export function parseDollarsToCents(input: string): CentsParse {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter a price" };
  if (text.startsWith("-")) return { ok: false, error: "Price cannot be negative" };
  const match = DECIMAL_PRICE.exec(text);
  if (!match) return { ok: false, error: "Enter a price like 12.50" };
  const integerDigits = (match[1] ?? "").replaceAll(",", "");
  const fraction = match[2] ?? "";
  if (fraction.length > 2) return { ok: false, error: "Use at most two decimal places (cents)" };
  if (integerDigits.replace(/^0+/, "").length > MAX_INTEGER_DIGITS) {
    return { ok: false, error: "Price is too high" };
  }
  const cents = Number(integerDigits) * 100 + Number(fraction.padEnd(2, "0"));
  return { ok: true, cents };
}

/** The inverse, for pre-filling an edit form: 1250 → "12.50" (integer arithmetic only). */
export function centsToDollarInput(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `${whole}.${String(rest).padStart(2, "0")}`;
}
