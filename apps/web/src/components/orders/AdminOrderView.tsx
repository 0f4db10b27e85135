"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { ConfirmButton } from "./ConfirmButton.tsx";
import styles from "./OrderDetailView.module.css";
import { OrderHeader, OrderItemsAndTimeline, OrderPanel } from "./OrderSections.tsx";
import {
  ADMIN_ACTION_LABELS,
  type OrderDetail,
  type OrderStatus,
  orderNumber,
  STATUS_LABELS,
} from "./order-status.ts";

type Outcome = { kind: "done"; status: OrderStatus } | { kind: "failed"; message: string } | null;

/**
 * One order as an admin manages it. The action buttons are exactly the order's allowedTransitions
 * from order-svc (which enforces the state machine again on every change).
 */
export function AdminOrderView({ initial }: { initial: OrderDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const orderId = initial.id;
  const { data: order } = useQuery(trpc.orders.byId.queryOptions({ orderId }, { initialData: initial }));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const update = useMutation(
    trpc.orders.updateStatus.mutationOptions({
      onSuccess: (result) => setOutcome({ kind: "done", status: result.status }),
      // Someone else may have moved the order meanwhile (PRECONDITION_FAILED/CONFLICT): show that.
      onError: (error) => setOutcome({ kind: "failed", message: error.message }),
      onSettled: () => queryClient.invalidateQueries(trpc.orders.byId.queryFilter({ orderId })),
    }),
  );

  const moveTo = (status: OrderStatus) => {
    setOutcome(null);
    return update.mutateAsync({ orderId, status });
  };
  const forward = order.allowedTransitions.filter((status) => status !== "CANCELLED");
  const cancellable = order.allowedTransitions.includes("CANCELLED");

  return (
    <article className={styles.order} aria-labelledby="order-title">
      <OrderHeader order={order} viewer="admin" />

      <OrderPanel id="order-actions" title="Actions">
        {order.allowedTransitions.length === 0 ? (
          <p className={styles.meta}>
            This order is {STATUS_LABELS[order.status].toLowerCase()}: there is nothing more to do.
          </p>
        ) : (
          <div className={styles.actions}>
            {forward.map((status) => (
              <button
                key={status}
                type="button"
                className="button"
                disabled={update.isPending || !hydrated}
                onClick={() => void moveTo(status).catch(() => undefined)}
              >
                {update.isPending && update.variables?.status === status
                  ? "Saving…"
                  : ADMIN_ACTION_LABELS[status]}
              </button>
            ))}
            {cancellable && (
              <ConfirmButton
                title={`Cancel order ${orderNumber(order.id)}?`}
                message={<p>The customer is notified and the stock is released. This cannot be undone.</p>}
                confirmLabel="Cancel order"
                dismissLabel="Keep order"
                onConfirm={() => moveTo("CANCELLED")}
                disabled={update.isPending}
              >
                Cancel order
              </ConfirmButton>
            )}
          </div>
        )}
        <div aria-live="polite">
          {outcome?.kind === "done" && (
            <p className={styles.saved}>Order is now {STATUS_LABELS[outcome.status].toLowerCase()}.</p>
          )}
        </div>
        {outcome?.kind === "failed" && (
          <p className={styles.failed} role="alert">
            {outcome.message}
          </p>
        )}
      </OrderPanel>

      <OrderItemsAndTimeline order={order} viewer="admin" />

      <p>
        <Link href="/admin/orders">← All orders</Link>
      </p>
    </article>
  );
}
