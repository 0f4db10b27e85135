import type { Logger } from "@shop/service-kit/log";
import type { Db } from "../db.ts";
import catalog from "./catalog.json" with { type: "json" };

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Seeds the demo catalog. Idempotent: categories and products are matched by slug/SKU and only
 * created when missing, so re-running never duplicates rows or overwrites an admin's edits (prices,
 * stock) made since. The demo prices are taken to be in the store's currency.
 */
export async function seedCatalog(db: Db, currency: string, log?: Logger): Promise<{ created: number }> {
  const categoryIds = new Map<string, string>();
  for (const c of catalog.categories) {
    const row = await db.category.upsert({
      where: { slug: c.slug },
      create: { slug: c.slug, name: c.name },
      update: {},
      select: { id: true },
    });
    categoryIds.set(c.slug, row.id);
  }
  const existing = new Set((await db.product.findMany({ select: { sku: true } })).map((p) => p.sku));
  const missing = catalog.products.filter((p) => !existing.has(p.sku));
  // Spread creation times a minute apart so "newest" has a stable, meaningful order.
  const base = Date.now() - catalog.products.length * 60_000;
  await db.product.createMany({
    data: missing.map((p) => {
      const categoryId = categoryIds.get(p.category);
      if (!categoryId) throw new Error(`seed product ${p.sku} names unknown category ${p.category}`);
      const slug = slugify(p.name);
      return {
        slug,
        sku: p.sku,
        name: p.name,
        description: p.description,
        priceCents: p.priceCents,
        currency,
        onHand: p.stock,
        imageUrl: `/products/${slug}.svg`,
        categoryId,
        createdAt: new Date(base + catalog.products.indexOf(p) * 60_000),
      };
    }),
    skipDuplicates: true,
  });
  log?.info({ created: missing.length, total: catalog.products.length }, "catalog seeded");
  return { created: missing.length };
}
