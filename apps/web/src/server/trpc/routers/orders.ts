import "server-only";
import type { RouterInputs } from "@shop/order-svc/router";
import { adminProcedure, fromService, router, signedInProcedure } from "../init.ts";

type OrderInputs = RouterInputs["orders"];

/**
 * Orders relayed to order-svc, which owns every rule: who may see an order (owner or admin; others
 * get NOT_FOUND), the status state machine (PRECONDITION_FAILED), admin-only procedures (FORBIDDEN),
 * stock (CONFLICT with `details.outOfStock`, passed through by fromService).
 */
export const ordersRouter = router({
  place: signedInProcedure
    .input((raw) => raw as OrderInputs["place"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.orders.place.mutate(input))),

  mine: signedInProcedure
    .input((raw) => (raw ?? {}) as OrderInputs["mine"])
    .query(({ ctx, input }) => fromService(ctx.services.order.orders.mine.query(input))),

  byId: signedInProcedure
    .input((raw) => raw as OrderInputs["byId"])
    .query(({ ctx, input }) => fromService(ctx.services.order.orders.byId.query(input))),

  cancel: signedInProcedure
    .input((raw) => raw as OrderInputs["cancel"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.orders.cancel.mutate(input))),

  /** Admin only (enforced by order-svc). */
  updateStatus: adminProcedure
    .input((raw) => raw as OrderInputs["updateStatus"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.orders.updateStatus.mutate(input))),

  /** Admin only (enforced by order-svc). */
  list: adminProcedure
    .input((raw) => (raw ?? {}) as OrderInputs["list"])
    .query(({ ctx, input }) => fromService(ctx.services.order.orders.list.query(input))),
});
