"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../../lib/trpc.ts";
import { ConfirmButton } from "./ConfirmButton.tsx";
import styles from "./OrderDetailView.module.css";
import { OrderHeader, OrderItemsAndTimeline } from "./OrderSections.tsx";
import { type OrderDetail, orderNumber } from "./order-status.ts";

interface OrderDetailViewProps {
  /** Server-rendered order; the query takes over from it (and is refetched on live events). */
  initial: OrderDetail;
  /** Arrived here straight from checkout (?placed=1): say thank you. */
  justPlaced: boolean;
}

/** A shopper's own order: status, lines, timeline and, while possible, cancellation. */
export function OrderDetailView({ initial, justPlaced }: OrderDetailViewProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const orderId = initial.id;
  // LiveNotifications invalidates this query when an event for this order arrives: the status and
  // timeline update in place, without a reload.
  const { data: order } = useQuery(trpc.orders.byId.queryOptions({ orderId }, { initialData: initial }));
  const cancel = useMutation(
    trpc.orders.cancel.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.orders.byId.queryFilter({ orderId })),
          queryClient.invalidateQueries(trpc.orders.mine.pathFilter()),
        ]),
    }),
  );
  const cancellable = order.allowedTransitions.includes("CANCELLED");

  return (
    <article className={styles.order} aria-labelledby="order-title">
      {/* Once the shop has moved the order on, the thank-you note would only be in the way. */}
      {justPlaced && order.status === "PENDING" && (
        <div className={styles.placed} role="status">
          <h2>Thank you — your order is placed.</h2>
          <p>We have sent a confirmation to your email. You can follow its progress here.</p>
        </div>
      )}

      <OrderHeader order={order} viewer="shopper" />

      <OrderItemsAndTimeline order={order} viewer="shopper">
        {cancellable && (
          <ConfirmButton
            title={`Cancel order ${orderNumber(order.id)}?`}
            message={<p>Your items go back on the shelf. This cannot be undone.</p>}
            confirmLabel="Cancel order"
            dismissLabel="Keep order"
            onConfirm={() => cancel.mutateAsync({ orderId })}
          >
            Cancel order
          </ConfirmButton>
        )}
      </OrderItemsAndTimeline>

      <p>
        <Link href="/orders">← All your orders</Link>
      </p>
    </article>
  );
}
