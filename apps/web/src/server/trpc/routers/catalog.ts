import "server-only";
import type { RouterInputs } from "@shop/product-svc/router";
import { fromService, publicProcedure, router } from "../init.ts";

type ProductInputs = RouterInputs["products"];

/**
 * Catalog reads relayed to product-svc. Inputs are typed from the service's router but validated only
 * there: duplicating its zod schemas here would let the two drift apart.
 */
export const productsRouter = router({
  list: publicProcedure
    .input((raw) => raw as ProductInputs["list"])
    .query(({ ctx, input }) => fromService(ctx.services.product.products.list.query(input))),

  bySlug: publicProcedure
    .input((raw) => raw as ProductInputs["bySlug"])
    .query(({ ctx, input }) => fromService(ctx.services.product.products.bySlug.query(input))),
});

export const categoriesRouter = router({
  list: publicProcedure.query(({ ctx }) => fromService(ctx.services.product.categories.list.query())),
});

/** The store's one currency, for formatting prices where no product or cart carries it (admin forms). */
export const storeRouter = router({
  get: publicProcedure.query(({ ctx }) => fromService(ctx.services.product.store.get.query())),
});
