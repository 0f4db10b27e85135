import { z } from "zod";

/**
 * Keyset pagination cursors. A cursor names the last row of a page by its sort value and id, so the
 * next page starts strictly after it: stable under concurrent inserts, and O(page) at any depth.
 * It is opaque to clients (base64url JSON) and validated on the way back in.
 */
export const SORTS = ["relevance", "newest", "price_asc", "price_desc", "name"] as const;
export type Sort = (typeof SORTS)[number];

const cursorSchema = z.object({
  s: z.enum(SORTS),
  v: z.union([z.string().max(500), z.number()]),
  id: z.uuid(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** Returns null for anything that is not a cursor this service issued for the same sort. */
export function decodeCursor(raw: string, sort: Sort): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.s !== sort) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

/**
 * Turns free text into a safe prefix tsquery ("red sho" → "red:* & sho:*"). Only letters and digits
 * survive, so user input can never inject tsquery operators; null when nothing searchable remains.
 */
export function toPrefixTsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words
    .slice(0, 8)
    .map((w) => `${w.slice(0, 64)}:*`)
    .join(" & ");
}
