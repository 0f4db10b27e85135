import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import {
  readGuestCart,
  removeFromGuestCart,
  setGuestCartQuantity,
  useGuestCart,
  writeGuestCart,
} from "../../lib/guest-cart.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { BffOutputs } from "../../server/trpc/router.ts";

export type CartView = BffOutputs["cart"]["get"];
export type CartLine = CartView["items"][number];
/** What "Add to cart" did: how many were added (capped at what can be bought) and why not all. */
export type Addition = Pick<BffOutputs["cart"]["add"], "added" | "inCart" | "message">;
/** A guest cart with nothing in it is known to be empty without asking the server to price it. */
export interface EmptyCart {
  items: [];
  itemCount: 0;
  subtotalCents: 0;
  currency: null;
}
const EMPTY_GUEST_CART: EmptyCart = { items: [], itemCount: 0, subtotalCents: 0, currency: null };

/**
 * One cart API for both kinds of visitor: signed-in shoppers use their server-side cart (order-svc),
 * guests the localStorage cart priced through cart.quote. Components never branch on which. Adding
 * goes through order-svc for both (cart.add, cart.quoteAdd), so both are capped at what can be bought.
 */
export function useCart(signedIn: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const guestLines = useGuestCart();
  const account = useQuery(trpc.cart.get.queryOptions(undefined, { enabled: signedIn }));
  const guest = useQuery(
    trpc.cart.quote.queryOptions(
      { items: [...guestLines] },
      // Keep showing the previous pricing while a quantity change is re-priced (no flash of "loading").
      { enabled: !signedIn && guestLines.length > 0, placeholderData: keepPreviousData },
    ),
  );
  const invalidate = () => queryClient.invalidateQueries(trpc.cart.get.queryFilter());
  const addItem = useMutation(trpc.cart.add.mutationOptions({ onSettled: invalidate }));
  const quoteAdd = useMutation(trpc.cart.quoteAdd.mutationOptions());
  const setItem = useMutation(trpc.cart.setItem.mutationOptions({ onSettled: invalidate }));
  const removeItem = useMutation(trpc.cart.removeItem.mutationOptions({ onSettled: invalidate }));

  const query = signedIn ? account : guest;
  const cart: CartView | EmptyCart | undefined = signedIn
    ? account.data
    : guestLines.length === 0
      ? EMPTY_GUEST_CART
      : guest.data;

  const add = useCallback(
    async (productId: string, quantity: number): Promise<Addition> => {
      if (signedIn) return addItem.mutateAsync({ productId, quantity });
      const result = await quoteAdd.mutateAsync({ items: [...readGuestCart()], productId, quantity });
      writeGuestCart(result.items);
      return result;
    },
    [signedIn, addItem, quoteAdd],
  );

  const setQuantity = useCallback(
    async (productId: string, quantity: number) => {
      if (!signedIn) return setGuestCartQuantity(productId, quantity);
      await setItem.mutateAsync({ productId, quantity });
    },
    [signedIn, setItem],
  );

  const remove = useCallback(
    async (productId: string) => {
      if (!signedIn) return removeFromGuestCart(productId);
      await removeItem.mutateAsync({ productId });
    },
    [signedIn, removeItem],
  );

  const lines = signedIn ? (account.data?.items ?? []) : guestLines;
  return {
    cart,
    /** Item count for the header badge; for guests straight from storage (no pricing round-trip). */
    itemCount: signedIn ? (account.data?.itemCount ?? 0) : guestLines.reduce((n, l) => n + l.quantity, 0),
    /** Units of a product in the cart now (0 while a signed-in cart is still loading). */
    quantityInCart: (productId: string) => lines.find((l) => l.productId === productId)?.quantity ?? 0,
    isLoading: cart === undefined && !query.isError,
    error: cart === undefined ? query.error : null,
    retry: () => void query.refetch(),
    /** True while the cart is being re-read after a change (prices/stock may still move). */
    isRefreshing: query.isFetching,
    add,
    setQuantity,
    remove,
  };
}
