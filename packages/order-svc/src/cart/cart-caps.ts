import { MAX_UNITS_PER_PRODUCT } from "../orders/order-lines.ts";

/**
 * How much of a product a cart may hold: never more than can be bought now (available) and never more
 * than one order takes (MAX_UNITS_PER_PRODUCT). Free of I/O; used for signed-in carts (cart.add) and
 * for guest carts kept in the browser (cart.quoteAdd), so both follow the same rule and messages.
 */
export interface Addition {
  /** Units actually added (0 when nothing fits). */
  added: number;
  /** Units of the product in the cart afterwards. */
  inCart: number;
  /** Why fewer than requested were added; null when all were. */
  message: string | null;
}

export function capAddition(opts: { requested: number; inCart: number; available: number }): Addition {
  const { requested, inCart } = opts;
  const available = Math.max(0, opts.available);
  const limit = Math.min(MAX_UNITS_PER_PRODUCT, available);
  const room = Math.max(0, limit - inCart);
  const added = Math.min(requested, room);
  return {
    added,
    inCart: inCart + added,
    message: added === requested ? null : why(room, inCart, available),
  };
}

function why(room: number, inCart: number, available: number): string {
  const orderBound = MAX_UNITS_PER_PRODUCT < available;
  if (room === 0) {
    if (inCart === 0) return "Sorry, this product is sold out.";
    return orderBound
      ? `You already have ${inCart} in your cart, the most one order can hold.`
      : `You already have ${inCart} in your cart — that is all we have.`;
  }
  const more = inCart === 0 ? `Only ${room}` : `Only ${room} more`;
  const already = inCart === 0 ? "" : ` — you already have ${inCart} in your cart`;
  return orderBound
    ? `${more} fit in one order (at most ${MAX_UNITS_PER_PRODUCT} of a product)${already}.`
    : `${more} available${already}.`;
}
