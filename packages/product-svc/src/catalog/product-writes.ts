import { FieldValidationError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { slugify } from "../seed/seed-catalog.ts";
import type { createProductInput, updateProductInput } from "./schemas.ts";
import { productDetailSelect } from "./selects.ts";

/** Admin catalog writes. Uniqueness is enforced by the database; violations become field-level CONFLICTs. */

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

export async function createProduct(db: Db, input: z.output<typeof createProductInput>) {
  const { categorySlug, ...fields } = input;
  const data = {
    ...fields,
    slug: input.slug ?? slugify(input.name),
    categoryId: await categoryId(db, categorySlug),
  };
  return db.product.create({ data, select: productDetailSelect }).catch(duplicateToConflict);
}

export async function updateProduct(db: Db, input: z.output<typeof updateProductInput>) {
  const { id, categorySlug, ...fields } = input;
  const data = { ...fields, ...(categorySlug ? { categoryId: await categoryId(db, categorySlug) } : {}) };
  return updateOrNotFound(() =>
    db.product.update({ where: { id }, data, select: productDetailSelect }).catch(duplicateToConflict),
  );
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
