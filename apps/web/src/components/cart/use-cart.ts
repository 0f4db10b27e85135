import { keepPreviousData } from "@tanstack/react-query";
import { useCallback } from "react";
import {
  addToGuestCart,
  MAX_LINE_QUANTITY,
  removeFromGuestCart,
  setGuestCartQuantity,
  useGuestCart,
} from "../../lib/guest-cart.ts";
import { trpc } from "../../lib/trpc.ts";
import type { BffOutputs } from "../../server/trpc/router.ts";

export type CartView = BffOutputs["cart"]["get"];
export type CartLine = CartView["items"][number];

/**
 * One cart API for both kinds of visitor: signed-in shoppers use their server-side cart (order-svc),
 * guests the localStorage cart priced through cart.quote. Components never branch on which.
 */
export function useCart(signedIn: boolean) {
  const utils = trpc.useUtils();
  const guestLines = useGuestCart();
  const account = trpc.cart.get.useQuery(undefined, { enabled: signedIn });
  const guest = trpc.cart.quote.useQuery(
    { items: [...guestLines] },
    // Keep showing the previous pricing while a quantity change is re-priced (no flash of "loading").
    { enabled: !signedIn && guestLines.length > 0, placeholderData: keepPreviousData },
  );
  const setItem = trpc.cart.setItem.useMutation({ onSettled: () => utils.cart.get.invalidate() });
  const removeItem = trpc.cart.removeItem.useMutation({ onSettled: () => utils.cart.get.invalidate() });

  const emptyGuestCart: CartView = { items: [], itemCount: 0, subtotalCents: 0 };
  const query = signedIn ? account : guest;
  const cart: CartView | undefined = signedIn
    ? account.data
    : guestLines.length === 0
      ? emptyGuestCart
      : guest.data;

  const add = useCallback(
    async (productId: string, quantity: number) => {
      if (!signedIn) return addToGuestCart(productId, quantity);
      // setItem sets an absolute quantity: add to what the cart holds now.
      const current = await utils.cart.get.fetch();
      const existing = current.items.find((item) => item.productId === productId)?.quantity ?? 0;
      await setItem.mutateAsync({ productId, quantity: Math.min(MAX_LINE_QUANTITY, existing + quantity) });
    },
    [signedIn, utils, setItem],
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

  return {
    cart,
    /** Item count for the header badge; for guests straight from storage (no pricing round-trip). */
    itemCount: signedIn ? (account.data?.itemCount ?? 0) : guestLines.reduce((n, l) => n + l.quantity, 0),
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
