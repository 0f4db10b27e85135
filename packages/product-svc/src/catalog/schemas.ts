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
