import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listProducts } from "../catalog/list-products.ts";
import { listProductsInput, slugSchema } from "../catalog/schemas.ts";
import { publicProcedure, router } from "../trpc.ts";

const productDetailSelect = {
  id: true,
  slug: true,
  sku: true,
  name: true,
  description: true,
  priceCents: true,
  currency: true,
  imageUrl: true,
  stock: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  category: { select: { slug: true, name: true } },
} as const;

export const productsRouter = router({
  list: publicProcedure.input(listProductsInput).query(({ ctx, input }) => listProducts(ctx.db, input)),

  bySlug: publicProcedure.input(z.object({ slug: slugSchema })).query(async ({ ctx, input }) => {
    const product = await ctx.db.product.findFirst({
      where: { slug: input.slug, archivedAt: null },
      select: productDetailSelect,
    });
    if (!product) throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    return product;
  }),

  /** Current details of several products at once (cart pages); unknown ids are simply absent. */
  byIds: publicProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(100, "At most 100 ids per call") }))
    .query(({ ctx, input }) =>
      ctx.db.product.findMany({ where: { id: { in: input.ids } }, select: productDetailSelect }),
    ),

  byId: publicProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const product = await ctx.db.product.findUnique({ where: { id: input.id }, select: productDetailSelect });
    // Archived products stay readable by id: carts and order pages still need their names.
    if (!product) throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    return product;
  }),
});
