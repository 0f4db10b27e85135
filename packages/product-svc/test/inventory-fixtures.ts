import type { Db } from "../src/db.ts";

let counter = 0;

/** A product of the test's own, straight into the database, with `onHand` units on the shelf. */
export async function makeProduct(db: Db, onHand: number, priceCents = 1000, currency = "USD") {
  const category = await db.category.upsert({
    where: { slug: "test" },
    create: { slug: "test", name: "Test" },
    update: {},
  });
  counter += 1;
  const suffix = `${process.pid}-${counter}`;
  return db.product.create({
    data: {
      slug: `p-${suffix}`,
      sku: `SKU-${suffix}`,
      name: `Product ${suffix}`,
      description: "d",
      priceCents,
      currency,
      onHand,
      imageUrl: "/x.svg",
      categoryId: category.id,
    },
  });
}

export async function levelsOf(db: Db, productId: string) {
  const p = await db.product.findUniqueOrThrow({
    where: { id: productId },
    select: { onHand: true, reserved: true },
  });
  return { onHand: p.onHand, reserved: p.reserved, available: p.onHand - p.reserved };
}

/** Units held by reservations that have not ended (AWAITING_ORDER or ORDER_PLACED), for one product. */
export async function heldUnits(db: Db, productId: string): Promise<number> {
  const held = await db.stockReservationItem.aggregate({
    where: { productId, reservation: { status: { in: ["AWAITING_ORDER", "ORDER_PLACED"] } } },
    _sum: { quantity: true },
  });
  return held._sum.quantity ?? 0;
}
