import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { listProducts } from "../catalog/list-products.ts";
import { createProduct, updateOrNotFound, updateProduct } from "../catalog/product-writes.ts";
import {
  createProductInput,
  listProductsInput,
  slugSchema,
  stockSchema,
  updateProductInput,
} from "../catalog/schemas.ts";
import { productDetailSelect } from "../catalog/selects.ts";
import { adminProcedure, publicProcedure, router } from "../trpc.ts";

export const productsRouter = router({
  list: publicProcedure.input(listProductsInput).query(({ ctx, input }) => {
    if (input.includeArchived && ctx.caller.role !== "ADMIN") {
      throw new TRPCError({ code: "FORBIDDEN", message: "Only admins see archived products" });
    }
    return listProducts(ctx.db, input);
  }),

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

  create: adminProcedure.input(createProductInput).mutation(({ ctx, input }) => createProduct(ctx.db, input)),

  update: adminProcedure.input(updateProductInput).mutation(({ ctx, input }) => updateProduct(ctx.db, input)),

  /** Archived products leave the storefront but stay readable by id for carts and order history. */
  archive: adminProcedure
    .input(z.object({ id: z.uuid(), archived: z.boolean().default(true) }))
    .mutation(({ ctx, input }) =>
      updateOrNotFound(() =>
        ctx.db.product.update({
          where: { id: input.id },
          data: { archivedAt: input.archived ? new Date() : null },
          select: productDetailSelect,
        }),
      ),
    ),

  setStock: adminProcedure.input(z.object({ id: z.uuid(), stock: stockSchema })).mutation(({ ctx, input }) =>
    updateOrNotFound(() =>
      ctx.db.product.update({
        where: { id: input.id },
        data: { stock: input.stock },
        select: productDetailSelect,
      }),
    ),
  ),
});
