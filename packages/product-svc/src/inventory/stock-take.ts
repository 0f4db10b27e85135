import { FieldValidationError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import { presentProduct, productDetailSelect } from "../catalog/selects.ts";
import type { Db } from "../db.ts";

/**
 * An admin's stock-take: the units counted on the shelf become `on_hand`. Reservations are left as
 * they are — units held for open orders are still on the shelf, so they are part of the count — and
 * what can be bought follows (on_hand − reserved). A count below what open orders hold is refused:
 * those orders could not all ship. The update is one conditional statement, so a reservation racing
 * with it either lands before (and is checked against) or after (and sees the new count).
 */
export async function takeStock(db: Db, productId: string, onHand: number) {
  const updated = await db.$executeRaw`
    UPDATE products SET on_hand = ${onHand}, updated_at = now()
    WHERE id = ${productId}::uuid AND reserved <= ${onHand}`;
  if (updated === 0) {
    const product = await db.product.findUnique({ where: { id: productId }, select: { reserved: true } });
    if (!product) throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    const message = `${product.reserved} units are held for orders that have not shipped, so on hand cannot be less than ${product.reserved}`;
    throw new TRPCError({
      code: "CONFLICT",
      message,
      cause: new FieldValidationError(message, { onHand: [message] }),
    });
  }
  const row = await db.product.findUniqueOrThrow({ where: { id: productId }, select: productDetailSelect });
  return presentProduct(row, "ADMIN");
}
