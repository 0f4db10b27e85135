import type { Logger } from "@shop/service-kit/log";
import { z } from "zod";
import type { Db } from "../db.ts";

/**
 * The store sells in one currency (STORE_CURRENCY, default USD), so no cart, order, price filter or
 * sort can ever mix two. It is recorded in `store_settings` at the first start and cannot be changed
 * by configuration afterwards: that would relabel every price (19.99 USD becoming 19.99 EUR).
 */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** Prices are typed and stored in cents, so only currencies with two minor digits fit. */
function minorDigits(code: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
    .maximumFractionDigits as number;
}

export const storeCurrencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "STORE_CURRENCY must be a 3-letter currency code like USD")
  .refine((code) => KNOWN_CURRENCIES.has(code), "STORE_CURRENCY is not a currency this runtime knows")
  .refine(
    (code) => !KNOWN_CURRENCIES.has(code) || minorDigits(code) === 2,
    "STORE_CURRENCY must be a currency with cents (two minor digits), like USD, EUR or GBP",
  );

export class StoreCurrencyMismatch extends Error {
  override readonly name = "StoreCurrencyMismatch";
}

/**
 * Records the configured currency on a store that has none yet, and refuses to run a store whose
 * prices are in another one. Safe for several replicas starting at once: the insert is idempotent.
 */
export async function ensureStoreCurrency(db: Db, configured: string, log?: Logger): Promise<string> {
  await db.$executeRaw`
    INSERT INTO store_settings (id, currency) VALUES (true, ${configured}) ON CONFLICT (id) DO NOTHING`;
  const settings = await db.storeSettings.findUniqueOrThrow({ where: { id: true } });
  const recorded = settings.currency.trim();
  if (recorded !== configured) {
    throw new StoreCurrencyMismatch(
      `STORE_CURRENCY is ${configured}, but this store's prices are in ${recorded}. Set STORE_CURRENCY=${recorded}; ` +
        "changing a store's currency means re-pricing its catalog, which configuration cannot do.",
    );
  }
  log?.info({ currency: recorded }, "store currency");
  return recorded;
}
