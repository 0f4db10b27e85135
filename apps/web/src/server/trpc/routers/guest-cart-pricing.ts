import "server-only";
import type { RouterOutputs as OrderOutputs } from "@shop/order-svc/router";
import type { ServiceClients } from "../../services.ts";
import { fromService } from "../init.ts";

export type CartView = OrderOutputs["cart"]["get"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Prices a guest cart (ids and quantities from localStorage) exactly as order-svc prices an account
 * cart — current price, stock (0 once archived), line totals in cents — so one cart page renders both.
 * Lines whose product no longer exists are dropped, as order-svc's cart.get does.
 */
export async function priceGuestCart(
  services: ServiceClients,
  lines: readonly { productId: string; quantity: number }[],
): Promise<CartView> {
  // byIds validates every id and would refuse the whole batch over one bad id from storage.
  const known = lines.filter((line) => UUID.test(line.productId));
  const products =
    known.length === 0
      ? []
      : await fromService(services.product.products.byIds.query({ ids: known.map((l) => l.productId) }));
  const byId = new Map(products.map((product) => [product.id, product]));
  const items = known.flatMap((line) => {
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
        available: product.archivedAt === null ? product.stock : 0,
      },
    ];
  });
  return {
    items,
    itemCount: items.reduce((n, item) => n + item.quantity, 0),
    subtotalCents: items.reduce((sum, item) => sum + item.lineTotalCents, 0),
  };
}
