import { randomUUID } from "node:crypto";
import { bffEndpoint } from "../client/bff-session.ts";
import type { HttpClient } from "../client/http.ts";
import { type TrpcEndpoint, trpcMutation, trpcQuery } from "../client/trpc-wire.ts";
import type { CatalogProduct } from "../fixtures/catalog.ts";

/** Online Boutique's locust mix, mapped onto this shop: weights per operation. */
export const MIX = {
  "browse catalog": 10,
  "product page": 10,
  search: 3,
  "add to cart": 2,
  "view cart": 3,
  checkout: 1,
} as const;
export type Operation = keyof typeof MIX;

interface Session {
  cookie: string;
  trpc: TrpcEndpoint;
  /** Products added since the last checkout, as far as this generator knows. */
  cartLines: number;
}

/**
 * What each operation does, as a signed-in shopper's browser would: the catalog, product and search
 * pages are server-rendered HTML (their server components call the BFF router in-process, then
 * product-svc); cart and checkout are the tRPC calls the client components make to /api/trpc.
 */
export class ShopperMix {
  readonly #sessions: Session[];
  readonly #operations: Operation[];

  constructor(
    private readonly http: HttpClient,
    private readonly webUrl: string,
    cookies: string[],
    private readonly products: CatalogProduct[],
    private readonly searchTerms: string[],
  ) {
    this.#sessions = cookies.map((cookie) => ({
      cookie,
      trpc: bffEndpoint(http, webUrl, cookie),
      cartLines: 0,
    }));
    // One slot per unit of weight; arrival i takes slot (random) — a weighted choice.
    this.#operations = (Object.entries(MIX) as [Operation, number][]).flatMap(([op, weight]) =>
      Array<Operation>(weight).fill(op),
    );
  }

  choose(): Operation {
    return pickFrom(this.#operations);
  }

  async run(op: Operation): Promise<void> {
    switch (op) {
      case "browse catalog": {
        const category = pickFrom(this.products).category.slug;
        return this.#page(Math.random() < 0.5 ? "/" : `/?category=${encodeURIComponent(category)}`);
      }
      case "product page":
        return this.#page(`/products/${pickFrom(this.products).slug}`);
      case "search":
        return this.#page(`/?q=${encodeURIComponent(pickFrom(this.searchTerms))}`);
      case "add to cart": {
        const session = pickFrom(this.#sessions);
        await trpcMutation(session.trpc, "cart.setItem", {
          productId: pickFrom(this.products).id,
          quantity: 1 + Math.floor(Math.random() * 3),
        });
        session.cartLines += 1;
        return;
      }
      case "view cart":
        await trpcQuery(pickFrom(this.#sessions).trpc, "cart.get");
        return;
      case "checkout":
        return this.#checkout();
    }
  }

  /**
   * Orders the server-side cart of a shopper who has something in it. Claimed before the call, so two
   * concurrent checkouts never race for one cart; with nothing in any cart it buys one product outright.
   */
  async #checkout(): Promise<void> {
    const withItems = this.#sessions.filter((s) => s.cartLines > 0);
    const session = withItems.length > 0 ? pickFrom(withItems) : pickFrom(this.#sessions);
    const fromCart = session.cartLines > 0;
    session.cartLines = 0;
    await trpcMutation(session.trpc, "orders.place", {
      idempotencyKey: randomUUID(),
      ...(fromCart ? {} : { items: [{ productId: pickFrom(this.products).id, quantity: 1 }] }),
    });
  }

  async #page(path: string): Promise<void> {
    const session = pickFrom(this.#sessions);
    const res = await this.http.request(`${this.webUrl}${path}`, { headers: { cookie: session.cookie } });
    if (res.status !== 200)
      throw Object.assign(new Error(`HTTP ${res.status}`), { code: `HTTP_${res.status}` });
  }
}

function pickFrom<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
}
