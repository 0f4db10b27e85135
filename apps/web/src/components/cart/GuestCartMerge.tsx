"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { returnPendingMerge, settlePendingMerge, takePendingMerge } from "../../lib/guest-cart.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { outcomeUnknown } from "../checkout/checkout-attempt.ts";

/**
 * Runs once a signed-in page renders: moves whatever the visitor put in the guest cart (before
 * signing in) into their account's cart. order-svc merges atomically (quantities summed, capped;
 * products no longer sold skipped) and once per merge id. The lines leave the guest cart for a
 * pending merge before the request, so a second tab sends the same id; when the answer is lost (the
 * shopper navigated away, the connection dropped) the pending merge stays and the next page load
 * sends it again under the same id, which order-svc does not add twice.
 */
export function GuestCartMerge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutateAsync: merge } = useMutation(trpc.cart.merge.mutationOptions());
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // StrictMode mounts effects twice in development
    const pending = takePendingMerge();
    if (!pending) return;
    started.current = true;
    merge({ mergeId: pending.id, items: [...pending.lines] })
      .then((result) => {
        settlePendingMerge(pending.id);
        queryClient.setQueryData(trpc.cart.get.queryKey(), result.cart);
      })
      .catch((error: { data?: { code?: string } | null }) => {
        // A definite refusal: the lines go back to the guest cart rather than being lost.
        if (!outcomeUnknown(error)) returnPendingMerge(pending.id);
      })
      .finally(() => void queryClient.invalidateQueries(trpc.cart.pathFilter()));
  }, [merge, queryClient, trpc]);

  return null;
}
