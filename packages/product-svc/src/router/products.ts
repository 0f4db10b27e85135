import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listProducts } from "../catalog/list-products.ts";
import { createProduct, setArchived, updateProduct } from "../catalog/product-writes.ts";
import {
  createProductInput,
  listProductsInput,
  onHandSchema,
  slugSchema,
  updateProductInput,
} from "../catalog/schemas.ts";
import { presentProduct, productDetailSelect } from "../catalog/selects.ts";
import { takeStock } from "../inventory/stock-take.ts";
import { adminProcedure, publicProcedure, router } from "../trpc.ts";

export const productsRouter = router({
  list: publicProcedure.input(listProductsInput).query(({ ctx, input }) => {
    if (input.includeArchived && ctx.caller.role !== "ADMIN") {
      throw new TRPCError({ code: "FORBIDDEN", message: "Only admins see archived products" });
    }
    return listProducts(ctx.db, input, ctx.caller.role);
  }),

  bySlug: publicProcedure.input(z.object({ slug: slugSchema })).query(async ({ ctx, input }) => {
    const product = await ctx.db.product.findFirst({
      where: { slug: input.slug, archivedAt: null },
      select: productDetailSelect,
    });
    if (!product) throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    return presentProduct(product, ctx.caller.role);
  }),

  /** Current details of several products at once (cart pages); unknown ids are simply absent. */
  byIds: publicProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(100, "At most 100 ids per call") }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.product.findMany({
        where: { id: { in: input.ids } },
        select: productDetailSelect,
      });
      return rows.map((row) => presentProduct(row, ctx.caller.role));
    }),

  byId: publicProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const product = await ctx.db.product.findUnique({ where: { id: input.id }, select: productDetailSelect });
    // Archived products stay readable by id: carts and order pages still need their names.
    if (!product) throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    return presentProduct(product, ctx.caller.role);
  }),

  create: adminProcedure
    .input(createProductInput)
    .mutation(({ ctx, input }) => createProduct(ctx.db, ctx.storeCurrency, input)),

  update: adminProcedure
    .input(updateProductInput)
    .mutation(({ ctx, input }) => updateProduct(ctx.db, ctx.storeCurrency, input)),

  /** Archived products leave the storefront but stay readable by id for carts and order history. */
  archive: adminProcedure
    .input(z.object({ id: z.uuid(), archived: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => setArchived(ctx.db, ctx.storeCurrency, input.id, input.archived)),

  /** A stock-take: sets the units on hand (never what open orders hold; see inventory/stock-take.ts). */
  setStock: adminProcedure
    .input(z.object({ id: z.uuid(), onHand: onHandSchema }))
    .mutation(({ ctx, input }) => takeStock(ctx.db, input.id, input.onHand)),
});
