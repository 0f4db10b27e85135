import type { Db } from "../db.ts";
import { MAX_UNITS_PER_PRODUCT } from "../orders/order-lines.ts";
import { type Addition, capAddition } from "./cart-caps.ts";

/** Persistence of carts: one row per user, one row per (user, product). */
export const MAX_CART_LINES = 50;

export class CartFull extends Error {
  constructor() {
    super(`A cart holds at most ${MAX_CART_LINES} products`);
  }
}

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

/**
 * Adds up to `requested` units, capped by capAddition at what is available minus what the cart already
 * holds. The cart row is upserted first, which locks it: two adds racing for one cart take turns, so
 * neither can slip past the cap on the other's stale count.
 */
export async function addLine(
  db: Db,
  userId: string,
  productId: string,
  requested: number,
  available: number,
): Promise<Addition> {
  return db.$transaction(async (tx) => {
    await tx.cart.upsert({ where: { userId }, create: { userId }, update: { updatedAt: new Date() } });
    const lines = await tx.cartItem.findMany({
      where: { userId },
      select: { productId: true, quantity: true },
    });
    const inCart = lines.find((l) => l.productId === productId)?.quantity ?? 0;
    if (inCart === 0 && lines.length >= MAX_CART_LINES) throw new CartFull();
    const addition = capAddition({ requested, inCart, available });
    if (addition.added > 0) {
      await tx.cartItem.upsert({
        where: { userId_productId: { userId, productId } },
        create: { userId, productId, quantity: addition.inCart },
        update: { quantity: addition.inCart },
      });
    }
    return addition;
  });
}

export async function removeLine(db: Db, userId: string, productId: string): Promise<void> {
  await db.cartItem.deleteMany({ where: { userId, productId } });
}

export async function clearCart(db: Db, userId: string): Promise<void> {
  await db.cartItem.deleteMany({ where: { userId } });
}

/**
 * Adds lines to a cart in one transaction: quantities are summed with what is there, capped at what
 * is available (never lowering what the cart already held) and at one order's worth; lines beyond the
 * cart's line limit are returned as skipped rather than failing the merge. Idempotent per merge id:
 * the id is recorded in the same transaction, so a retried merge (the browser never saw the first
 * answer) changes nothing and reports `alreadyMerged`.
 */
export async function mergeLines(
  db: Db,
  userId: string,
  mergeId: string,
  incoming: readonly { productId: string; quantity: number; available: number }[],
): Promise<{ alreadyMerged: boolean; overLimit: string[]; limited: string[] }> {
  return db.$transaction(async (tx) => {
    const recorded = await tx.cartMerge.createMany({ data: [{ userId, mergeId }], skipDuplicates: true });
    if (recorded.count === 0) return { alreadyMerged: true, overLimit: [], limited: [] };
    await tx.cart.upsert({ where: { userId }, create: { userId }, update: { updatedAt: new Date() } });
    const current = await tx.cartItem.findMany({
      where: { userId },
      select: { productId: true, quantity: true },
    });
    const quantities = new Map(current.map((l) => [l.productId, l.quantity]));
    const overLimit: string[] = [];
    const limited: string[] = [];
    for (const line of incoming) {
      const had = quantities.get(line.productId);
      if (had === undefined && quantities.size >= MAX_CART_LINES) {
        overLimit.push(line.productId);
        continue;
      }
      const cap = Math.max(had ?? 0, Math.min(MAX_UNITS_PER_PRODUCT, line.available));
      const quantity = Math.min(cap, (had ?? 0) + line.quantity);
      if (quantity < (had ?? 0) + line.quantity) limited.push(line.productId);
      if (quantity === 0) continue;
      quantities.set(line.productId, quantity);
      await tx.cartItem.upsert({
        where: { userId_productId: { userId, productId: line.productId } },
        create: { userId, productId: line.productId, quantity },
        update: { quantity },
      });
    }
    return { alreadyMerged: false, overLimit, limited };
  });
}
