import { z } from "zod";
import { SORTS } from "./cursor.ts";

export const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens");

export const listProductsInput = z
  .object({
    q: z.string().trim().max(100, "Search text is limited to 100 characters").optional(),
    category: slugSchema.optional(),
    minPriceCents: z.number().int().min(0).max(100_000_000).optional(),
    maxPriceCents: z.number().int().min(0).max(100_000_000).optional(),
    sort: z.enum(SORTS).optional(),
    cursor: z.string().max(1000).optional(),
    limit: z.number().int().min(1).max(60).default(12),
    /** Admins only: include archived products (the admin product table). */
    includeArchived: z.boolean().default(false),
  })
  .refine(
    (v) =>
      v.minPriceCents === undefined || v.maxPriceCents === undefined || v.minPriceCents <= v.maxPriceCents,
    {
      path: ["maxPriceCents"],
      message: "Maximum price must not be below the minimum price",
    },
  );
export type ListProductsInput = z.input<typeof listProductsInput>;

export const skuSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, "SKU: 3–32 letters, digits or hyphens");

export const priceCentsSchema = z
  .number({ error: "Enter a price" })
  .int("Price must be in whole cents")
  .positive("Price must be greater than 0")
  .max(100_000_000, "Price is too high");

/** A shelf count: what a stock-take sets (`on hand`), never what reservations move. */
export const onHandSchema = z
  .number({ error: "Enter the number of units on hand" })
  .int("On hand must be a whole number")
  .min(0, "On hand cannot be negative")
  .max(1_000_000, "On hand is too high");

const imageUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => /^\/[\w./-]+$/.test(v) || /^https:\/\/[^\s]+$/.test(v),
    "Use a /path on this site or an https:// URL",
  );

export const productFields = {
  name: z
    .string()
    .trim()
    .min(2, "Name must be at least 2 characters")
    .max(120, "Name must be at most 120 characters"),
  slug: slugSchema,
  sku: skuSchema,
  description: z.string().trim().min(1, "Enter a description").max(5000, "Description is too long"),
  priceCents: priceCentsSchema,
  /**
   * Optional and, when given, must be the store currency (product-writes.ts checks it): prices are
   * always in the store currency, and a client that thinks otherwise is told so instead of ignored.
   */
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Currency is a 3-letter code like USD"),
  imageUrl: imageUrlSchema,
  onHand: onHandSchema,
  categorySlug: slugSchema,
};

export const createProductInput = z.object({
  ...productFields,
  slug: productFields.slug.optional(),
  currency: productFields.currency.optional(),
  imageUrl: productFields.imageUrl.default("/products/placeholder.svg"),
  onHand: productFields.onHand.default(0),
});

export const updateProductInput = z.object({
  id: z.uuid(),
  name: productFields.name.optional(),
  slug: productFields.slug.optional(),
  sku: productFields.sku.optional(),
  description: productFields.description.optional(),
  priceCents: productFields.priceCents.optional(),
  currency: productFields.currency.optional(),
  imageUrl: productFields.imageUrl.optional(),
  categorySlug: productFields.categorySlug.optional(),
});
