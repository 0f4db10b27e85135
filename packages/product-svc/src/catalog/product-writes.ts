import { FieldValidationError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { slugify } from "../seed/seed-catalog.ts";
import type { createProductInput, updateProductInput } from "./schemas.ts";
import { presentProduct, productDetailSelect } from "./selects.ts";

/**
 * Admin catalog writes. Uniqueness is enforced by the database; violations become field-level
 * CONFLICTs. Every price written is in the store currency: a product is never put on sale in another.
 */

async function categoryId(db: Db, slug: string): Promise<string> {
  const category = await db.category.findUnique({ where: { slug }, select: { id: true } });
  if (!category) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Unknown category",
      cause: new FieldValidationError("Unknown category", { categorySlug: ["Choose an existing category"] }),
    });
  }
  return category.id;
}

/** A client naming another currency is told the rule instead of having its prices relabelled. */
function requireStoreCurrency(given: string | undefined, storeCurrency: string): void {
  if (given === undefined || given === storeCurrency) return;
  const message = `This store sells in ${storeCurrency}: prices are in ${storeCurrency}`;
  throw new TRPCError({
    code: "BAD_REQUEST",
    message,
    cause: new FieldValidationError(message, { currency: [message] }),
  });
}

function duplicateToConflict(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    const target = JSON.stringify(error.meta ?? {});
    const field = target.includes("sku") ? "sku" : "slug";
    const message =
      field === "sku"
        ? "Another product already uses this SKU"
        : "Another product already uses this URL slug";
    throw new TRPCError({
      code: "CONFLICT",
      message,
      cause: new FieldValidationError(message, { [field]: [message] }),
    });
  }
  throw error;
}

export async function createProduct(
  db: Db,
  storeCurrency: string,
  input: z.output<typeof createProductInput>,
) {
  const { categorySlug, currency, ...fields } = input;
  requireStoreCurrency(currency, storeCurrency);
  const data = {
    ...fields,
    currency: storeCurrency,
    slug: input.slug ?? slugify(input.name),
    categoryId: await categoryId(db, categorySlug),
  };
  const row = await db.product.create({ data, select: productDetailSelect }).catch(duplicateToConflict);
  return presentProduct(row, "ADMIN");
}

export async function updateProduct(
  db: Db,
  storeCurrency: string,
  input: z.output<typeof updateProductInput>,
) {
  const { id, categorySlug, currency, ...fields } = input;
  requireStoreCurrency(currency, storeCurrency);
  const data = {
    ...fields,
    // A new price is a price in the store currency (this is how a product archived for being priced
    // in another currency gets a valid price again).
    ...(fields.priceCents !== undefined ? { currency: storeCurrency } : {}),
    ...(categorySlug ? { categoryId: await categoryId(db, categorySlug) } : {}),
  };
  const row = await updateOrNotFound(() =>
    db.product.update({ where: { id }, data, select: productDetailSelect }).catch(duplicateToConflict),
  );
  return presentProduct(row, "ADMIN");
}

/**
 * Archives or restores. Restoring a product still priced in another currency is refused: it would
 * put a second currency on sale.
 */
export async function setArchived(db: Db, storeCurrency: string, id: string, archived: boolean) {
  if (!archived) {
    const product = await db.product.findUnique({ where: { id }, select: { currency: true } });
    const currency = product?.currency.trim();
    if (currency && currency !== storeCurrency) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `This product is priced in ${currency}. Give it a price in ${storeCurrency} before restoring it.`,
      });
    }
  }
  const row = await updateOrNotFound(() =>
    db.product.update({
      where: { id },
      data: { archivedAt: archived ? new Date() : null },
      select: productDetailSelect,
    }),
  );
  return presentProduct(row, "ADMIN");
}

/** Maps "record to update not found" to NOT_FOUND. */
export async function updateOrNotFound<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") {
      throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
    }
    throw error;
  }
}
