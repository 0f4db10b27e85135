"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { readGuestCart, writeGuestCart } from "../../lib/guest-cart.ts";
import { useTRPC } from "../../lib/trpc.ts";

/**
 * Runs once a signed-in page renders: moves whatever the visitor put in the guest cart (before
 * signing in) into their account's cart, then clears it locally. order-svc merges atomically
 * (quantities summed, capped; products no longer sold skipped). The lines are taken out of storage
 * before the request so a second tab cannot merge them again; if the request fails they are put back
 * (with anything added meanwhile) and the next page load tries again.
 */
export function GuestCartMerge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutateAsync: merge } = useMutation(trpc.cart.merge.mutationOptions());
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // StrictMode mounts effects twice in development
    const lines = readGuestCart();
    if (lines.length === 0) return;
    started.current = true;
    writeGuestCart([]);
    merge({ items: [...lines] })
      .then((result) => queryClient.setQueryData(trpc.cart.get.queryKey(), result.cart))
      .catch(() => {
        const addedMeanwhile = readGuestCart().filter((l) => !lines.some((b) => b.productId === l.productId));
        writeGuestCart([...lines, ...addedMeanwhile]);
      })
      .finally(() => void queryClient.invalidateQueries(trpc.cart.pathFilter()));
  }, [merge, queryClient, trpc]);

  return null;
}
