import { toUpstreamError } from "@shop/service-kit/errors";
import type { ProductClient } from "../clients/product-client.ts";

export interface CartLine {
  productId: string;
  quantity: number;
}

/**
 * Prices cart lines with the catalog's current names, prices and stock (one batched call to
 * product-svc); totals are integer cents. Lines whose product no longer exists are dropped.
 */
export async function priceLines(products: ProductClient, lines: readonly CartLine[]) {
  const found =
    lines.length === 0
      ? []
      : await products.products.byIds
          .query({ ids: lines.map((l) => l.productId) })
          .catch((error: unknown) => {
            throw toUpstreamError(error);
          });
  const byId = new Map(found.map((p) => [p.id, p]));
  const items = lines.flatMap((line) => {
    const product = byId.get(line.productId);
    if (!product) return [];
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
        /** False for archived products: they can no longer be ordered. */
        sellable: product.archivedAt === null,
        available: product.archivedAt === null ? product.stock : 0,
      },
    ];
  });
  return {
    items,
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
    subtotalCents: items.reduce((sum, i) => sum + i.lineTotalCents, 0),
  };
}
