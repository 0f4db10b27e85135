import { toUpstreamError } from "@shop/service-kit/errors";
import type { ProductClient } from "../clients/product-client.ts";
import { storeCurrencyOf } from "../clients/store-currency.ts";

export interface CartLine {
  productId: string;
  quantity: number;
}

/**
 * Prices cart lines with the catalog's current names, prices and availability (one batched call to
 * product-svc); totals are integer cents in the store's one currency. Lines whose product no longer
 * exists are dropped. A line in another currency (a product archived for being priced in one) is not
 * sellable and is left out of the subtotal, so a total never mixes two currencies.
 */
export async function priceLines(products: ProductClient, lines: readonly CartLine[]) {
  const [found, currency] = await Promise.all([
    lines.length === 0
      ? []
      : products.products.byIds.query({ ids: lines.map((l) => l.productId) }).catch((error: unknown) => {
          throw toUpstreamError(error);
        }),
    storeCurrencyOf(products),
  ]);
  const byId = new Map(found.map((p) => [p.id, p]));
  const items = lines.flatMap((line) => {
    const product = byId.get(line.productId);
    if (!product) return [];
    const sellable = product.archivedAt === null && product.currency === currency;
    return [
      {
        productId: line.productId,
        quantity: line.quantity,
        slug: product.slug,
        name: product.name,
        imageUrl: product.imageUrl,
        unitPriceCents: product.priceCents,
        currency: product.currency,
        lineTotalCents: product.priceCents * line.quantity,
        /** False for archived products (and any not in the store currency): they cannot be ordered. */
        sellable,
        /** Units that can be bought now (on hand − reserved); 0 when not sellable. */
        available: sellable ? Math.max(0, product.available) : 0,
      },
    ];
  });
  return {
    items,
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
    subtotalCents: items.filter((i) => i.currency === currency).reduce((sum, i) => sum + i.lineTotalCents, 0),
    currency,
  };
}
