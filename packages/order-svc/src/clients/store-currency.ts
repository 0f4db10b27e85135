import { toUpstreamError } from "@shop/service-kit/errors";
import type { ProductClient } from "./product-client.ts";

/**
 * The store's one currency, as product-svc reports it. It is fixed for the life of a store (product-svc
 * refuses to start with another), so it is asked once per client and kept; a failed ask is not kept.
 */
const known = new WeakMap<ProductClient, Promise<string>>();

export function storeCurrencyOf(products: ProductClient): Promise<string> {
  let currency = known.get(products);
  if (!currency) {
    currency = products.store.get.query().then(
      (store) => store.currency,
      (error: unknown) => {
        known.delete(products);
        throw toUpstreamError(error);
      },
    );
    known.set(products, currency);
  }
  return currency;
}
