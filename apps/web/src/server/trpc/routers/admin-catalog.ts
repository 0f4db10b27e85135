import "server-only";
import type { RouterInputs } from "@shop/product-svc/router";
import { adminProcedure, fromService, router, signedInProcedure } from "../init.ts";

type ProductInputs = RouterInputs["products"];

/**
 * The admin's catalog writes, merged into the BFF's `products` router under product-svc's own names.
 * product-svc refuses them for anyone but an ADMIN caller; field-level validation errors
 * (`data.fieldErrors`) and CONFLICTs for duplicate SKUs/slugs pass through fromService unchanged.
 */
export const adminProductsRouter = router({
  /** Any product by id, archived ones included (the edit form). */
  byId: signedInProcedure
    .input((raw) => raw as ProductInputs["byId"])
    .query(({ ctx, input }) => fromService(ctx.services.product.products.byId.query(input))),

  create: adminProcedure
    .input((raw) => raw as ProductInputs["create"])
    .mutation(({ ctx, input }) => fromService(ctx.services.product.products.create.mutate(input))),

  update: adminProcedure
    .input((raw) => raw as ProductInputs["update"])
    .mutation(({ ctx, input }) => fromService(ctx.services.product.products.update.mutate(input))),

  archive: adminProcedure
    .input((raw) => raw as ProductInputs["archive"])
    .mutation(({ ctx, input }) => fromService(ctx.services.product.products.archive.mutate(input))),

  setStock: adminProcedure
    .input((raw) => raw as ProductInputs["setStock"])
    .mutation(({ ctx, input }) => fromService(ctx.services.product.products.setStock.mutate(input))),
});
