import type { HttpClient } from "../client/http.ts";
import type { ServiceClients } from "../client/services.ts";
import type { CatalogProduct } from "../fixtures/catalog.ts";
import type { Shopper } from "../fixtures/shoppers.ts";
import type { StackTarget } from "../stack/target.ts";

/** What every benchmark gets: the stack, signed-in shoppers, the catalog, and the phase lengths. */
export interface BenchContext {
  target: StackTarget;
  http: HttpClient;
  /** Kit clients with an ADMIN caller, for set-up (stock, status changes). */
  admin: ServiceClients;
  products: CatalogProduct[];
  shoppers: Shopper[];
  /** Session cookie of each shopper, same order; signed in through the BFF's next-auth. */
  sessionCookies: string[];
  /** Stock every product is set to before order benchmarks, so no order runs out. */
  highStock: number;
  warmupMs: number;
  /** Measured time per variant, split over `rounds` alternating rounds (see runInterleaved). */
  durationMs: number;
  rounds: number;
  log(message: string): void;
}

/** Uniformly random element. */
export function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
