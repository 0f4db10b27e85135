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

/**
 * Adds lines to a cart in one transaction: quantities are summed with what is there and capped per
 * line; lines beyond the cart's line limit are returned as skipped rather than failing the merge.
 */
export async function mergeLines(
  db: Db,
  userId: string,
  incoming: readonly { productId: string; quantity: number }[],
): Promise<{ merged: number; overLimit: string[] }> {
  return db.$transaction(async (tx) => {
    await tx.cart.upsert({ where: { userId }, create: { userId }, update: { updatedAt: new Date() } });
    const current = await tx.cartItem.findMany({
      where: { userId },
      select: { productId: true, quantity: true },
    });
    const quantities = new Map(current.map((l) => [l.productId, l.quantity]));
    const overLimit: string[] = [];
    let merged = 0;
    for (const line of incoming) {
      const had = quantities.get(line.productId);
      if (had === undefined && quantities.size >= MAX_CART_LINES) {
        overLimit.push(line.productId);
        continue;
      }
      const quantity = Math.min(MAX_LINE_QUANTITY, (had ?? 0) + line.quantity);
      quantities.set(line.productId, quantity);
      await tx.cartItem.upsert({
        where: { userId_productId: { userId, productId: line.productId } },
        create: { userId, productId: line.productId, quantity },
        update: { quantity },
      });
      merged += 1;
    }
    return { merged, overLimit };
  });
}
