import type { Db } from "../db.ts";

/** Persistence of carts: one row per user, one row per (user, product). */
export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;

export async function cartLines(db: Db, userId: string) {
  return db.cartItem.findMany({
    where: { userId },
    orderBy: { addedAt: "asc" },
    select: { productId: true, quantity: true, addedAt: true },
  });
}

export async function setLine(db: Db, userId: string, productId: string, quantity: number): Promise<void> {
  await db.$transaction([
    db.cart.upsert({ where: { userId }, create: { userId }, update: { updatedAt: new Date() } }),
    db.cartItem.upsert({
      where: { userId_productId: { userId, productId } },
      create: { userId, productId, quantity },
      update: { quantity },
    }),
  ]);
}

export async function removeLine(db: Db, userId: string, productId: string): Promise<void> {
  await db.cartItem.deleteMany({ where: { userId, productId } });
}

export async function clearCart(db: Db, userId: string): Promise<void> {
  await db.cartItem.deleteMany({ where: { userId } });
}
