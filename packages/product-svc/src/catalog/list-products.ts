import type { Role } from "@shop/service-kit/auth";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { type Cursor, decodeCursor, encodeCursor, type Sort, toPrefixTsQuery } from "./cursor.ts";
import type { listProductsInput } from "./schemas.ts";
import { presentProduct } from "./selects.ts";

interface ProductSummaryRow {
  id: string;
  slug: string;
  name: string;
  priceCents: number;
  currency: string;
  imageUrl: string;
  onHand: number;
  reserved: number;
  sku: string;
  archivedAt: Date | null;
  category: { slug: string; name: string };
}

interface Row {
  id: string;
  slug: string;
  name: string;
  price_cents: number;
  currency: string;
  image_url: string;
  on_hand: number;
  reserved: number;
  sku: string;
  archived_at: Date | null;
  created_at: Date;
  category_slug: string;
  category_name: string;
  rank: number;
}

/** ORDER BY and the "strictly after the cursor" predicate for each sort, always tie-broken by id. */
function keyset(sort: Sort, cursor: Cursor | null) {
  const after = (column: Prisma.Sql, dir: "asc" | "desc", value: unknown) =>
    cursor === null
      ? Prisma.empty
      : dir === "asc"
        ? Prisma.sql`AND (${column}, p.id) > (${value}, ${cursor.id}::uuid)`
        : Prisma.sql`AND (${column}, p.id) < (${value}, ${cursor.id}::uuid)`;
  switch (sort) {
    case "relevance":
      return {
        order: Prisma.sql`ORDER BY rank DESC, p.id DESC`,
        after: after(Prisma.sql`ts_rank(p.search, q.query)`, "desc", Prisma.sql`${cursor?.v}::real`),
      };
    case "newest":
      return {
        order: Prisma.sql`ORDER BY p.created_at DESC, p.id DESC`,
        after: after(Prisma.sql`p.created_at`, "desc", Prisma.sql`${cursor?.v}::timestamptz`),
      };
    case "price_asc":
      return {
        order: Prisma.sql`ORDER BY p.price_cents ASC, p.id ASC`,
        after: after(Prisma.sql`p.price_cents`, "asc", Prisma.sql`${cursor?.v}::int`),
      };
    case "price_desc":
      return {
        order: Prisma.sql`ORDER BY p.price_cents DESC, p.id DESC`,
        after: after(Prisma.sql`p.price_cents`, "desc", Prisma.sql`${cursor?.v}::int`),
      };
    case "name":
      return {
        order: Prisma.sql`ORDER BY p.name ASC, p.id ASC`,
        after: after(Prisma.sql`p.name`, "asc", Prisma.sql`${cursor?.v}::text`),
      };
  }
}

function cursorValue(sort: Sort, row: Row): string | number {
  switch (sort) {
    case "relevance":
      return row.rank;
    case "newest":
      return row.created_at.toISOString();
    case "price_asc":
    case "price_desc":
      return row.price_cents;
    case "name":
      return row.name;
  }
}

/**
 * The storefront's catalog query: full-text search over the GIN-indexed `search` column, category and
 * price filters, five sorts with keyset pagination, and the total matching count for the same filters.
 */
export async function listProducts(db: Db, input: z.output<typeof listProductsInput>, viewer: Role) {
  const tsQuery = input.q ? toPrefixTsQuery(input.q) : null;
  const sort: Sort = input.sort ?? (tsQuery ? "relevance" : "newest");
  if (sort === "relevance" && !tsQuery) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Sorting by relevance needs search text" });
  }
  const cursor = input.cursor ? decodeCursor(input.cursor, sort) : null;
  if (input.cursor && !cursor) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "The page cursor is invalid or belongs to another sort",
    });
  }

  const query = tsQuery ? Prisma.sql`to_tsquery('english', ${tsQuery})` : Prisma.sql`NULL::tsquery`;
  const filters = Prisma.sql`
    ${input.includeArchived ? Prisma.sql`TRUE` : Prisma.sql`p.archived_at IS NULL`}
    ${tsQuery ? Prisma.sql`AND p.search @@ q.query` : Prisma.empty}
    ${input.category ? Prisma.sql`AND c.slug = ${input.category}` : Prisma.empty}
    ${input.minPriceCents !== undefined ? Prisma.sql`AND p.price_cents >= ${input.minPriceCents}` : Prisma.empty}
    ${input.maxPriceCents !== undefined ? Prisma.sql`AND p.price_cents <= ${input.maxPriceCents}` : Prisma.empty}`;
  const { order, after } = keyset(sort, cursor);

  const [rows, counted] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT p.id, p.slug, p.name, p.price_cents, p.currency, p.image_url, p.on_hand, p.reserved, p.sku, p.archived_at, p.created_at,
             c.slug AS category_slug, c.name AS category_name,
             ${tsQuery ? Prisma.sql`ts_rank(p.search, q.query)` : Prisma.sql`0::real`} AS rank
      FROM products p JOIN categories c ON c.id = p.category_id CROSS JOIN (SELECT ${query} AS query) q
      WHERE ${filters} ${after}
      ${order}
      LIMIT ${input.limit + 1}`,
    db.$queryRaw<{ total: bigint }[]>`
      SELECT count(*) AS total
      FROM products p JOIN categories c ON c.id = p.category_id CROSS JOIN (SELECT ${query} AS query) q
      WHERE ${filters}`,
  ]);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const rowsOfPage: ProductSummaryRow[] = page.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    priceCents: r.price_cents,
    currency: r.currency.trim(),
    imageUrl: r.image_url,
    onHand: r.on_hand,
    reserved: r.reserved,
    sku: r.sku,
    archivedAt: r.archived_at,
    category: { slug: r.category_slug, name: r.category_name },
  }));
  return {
    items: rowsOfPage.map((row) => presentProduct(row, viewer)),
    total: Number(counted[0]?.total ?? 0),
    sort,
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ s: sort, v: cursorValue(sort, last), id: last.id })
        : null,
  };
}
