import { DetailedError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { describeShortages, mergeLines, type ReservationItem, type Shortage } from "./reservation-lines.ts";

export interface ReservedLine {
  productId: string;
  quantity: number;
  name: string;
  unitPriceCents: number;
  currency: string;
}
export interface Reservation {
  orderId: string;
  status: "RESERVED" | "COMMITTED" | "RELEASED";
  items: ReservedLine[];
}

class OutOfStock extends Error {
  constructor(readonly shortages: Shortage[]) {
    super(describeShortages(shortages));
  }
}

async function readReservation(db: Db, orderId: string): Promise<Reservation | null> {
  const row = await db.stockReservation.findUnique({
    where: { orderId },
    select: {
      status: true,
      items: {
        select: { productId: true, quantity: true, name: true, unitPriceCents: true, currency: true },
      },
    },
  });
  return row
    ? { orderId, status: row.status, items: row.items.map((i) => ({ ...i, currency: i.currency.trim() })) }
    : null;
}

/**
 * Takes stock for an order, all or nothing, in one transaction of conditional decrements
 * (`stock >= qty`), so stock can never go negative however many orders race. Idempotent per order id:
 * a replay returns the first reservation, and a concurrent duplicate blocks on the header row's
 * primary key until the first commits, then returns it.
 */
export async function reserveStock(
  db: Db,
  orderId: string,
  items: readonly ReservationItem[],
): Promise<Reservation> {
  const existing = await readReservation(db, orderId);
  if (existing) return existing;
  const lines = mergeLines(items);
  try {
    return await db.$transaction(async (tx) => {
      await tx.stockReservation.create({ data: { orderId } });
      const reserved: ReservedLine[] = [];
      const short: ReservationItem[] = [];
      for (const line of lines) {
        const rows = await tx.$queryRaw<{ name: string; price_cents: number; currency: string }[]>`
          UPDATE products SET stock = stock - ${line.quantity}, updated_at = now()
          WHERE id = ${line.productId}::uuid AND archived_at IS NULL AND stock >= ${line.quantity}
          RETURNING name, price_cents, currency`;
        const row = rows[0];
        if (row) {
          reserved.push({
            ...line,
            name: row.name,
            unitPriceCents: row.price_cents,
            currency: row.currency.trim(),
          });
        } else {
          short.push(line);
        }
      }
      if (short.length > 0) {
        const current = await tx.product.findMany({
          where: { id: { in: short.map((l) => l.productId) } },
          select: { id: true, name: true, stock: true, archivedAt: true },
        });
        const byId = new Map(current.map((p) => [p.id, p]));
        throw new OutOfStock(
          short.map((l) => {
            const p = byId.get(l.productId);
            return {
              productId: l.productId,
              name: p?.name ?? null,
              requested: l.quantity,
              available: p && !p.archivedAt ? p.stock : 0,
            };
          }),
        );
      }
      await tx.stockReservationItem.createMany({ data: reserved.map((r) => ({ ...r, orderId })) });
      return { orderId, status: "RESERVED" as const, items: reserved };
    });
  } catch (error) {
    if (error instanceof OutOfStock) {
      throw new TRPCError({
        code: "CONFLICT",
        message: error.message,
        cause: new DetailedError(error.message, { outOfStock: error.shortages }),
      });
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await readReservation(db, orderId);
      if (winner) return winner;
    }
    throw error;
  }
}

/** Gives the stock back exactly once, whatever the reservation's state; later calls are no-ops. */
export async function releaseStock(db: Db, orderId: string): Promise<{ released: boolean }> {
  return db.$transaction(async (tx) => {
    const flipped = await tx.$queryRaw<{ order_id: string }[]>`
      UPDATE stock_reservations SET status = 'RELEASED', updated_at = now()
      WHERE order_id = ${orderId}::uuid AND status <> 'RELEASED'
      RETURNING order_id`;
    if (flipped.length === 0) return { released: false };
    const items = await tx.stockReservationItem.findMany({
      where: { orderId },
      orderBy: { productId: "asc" },
    });
    for (const item of items) {
      await tx.$executeRaw`
        UPDATE products SET stock = stock + ${item.quantity}, updated_at = now() WHERE id = ${item.productId}::uuid`;
    }
    return { released: true };
  });
}

/** Marks a reservation as belonging to a persisted order, so the stray-reservation sweep leaves it alone. */
export async function commitReservation(db: Db, orderId: string): Promise<Reservation["status"] | null> {
  await db.$executeRaw`
    UPDATE stock_reservations SET status = 'COMMITTED', updated_at = now()
    WHERE order_id = ${orderId}::uuid AND status = 'RESERVED'`;
  return (
    (await db.stockReservation.findUnique({ where: { orderId }, select: { status: true } }))?.status ?? null
  );
}

export async function staleReservations(db: Db, olderThanSeconds: number, limit: number): Promise<string[]> {
  const rows = await db.stockReservation.findMany({
    where: { status: "RESERVED", createdAt: { lt: new Date(Date.now() - olderThanSeconds * 1000) } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { orderId: true },
  });
  return rows.map((r) => r.orderId);
}
