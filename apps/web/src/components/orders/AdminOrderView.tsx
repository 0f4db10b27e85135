"use client";

import Link from "next/link";
import { useState } from "react";
import { trpc } from "../../lib/trpc.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { ConfirmButton } from "./ConfirmButton.tsx";
import { LocalDateTime } from "./LocalDateTime.tsx";
import styles from "./OrderDetailView.module.css";
import { OrderItemsTable } from "./OrderItemsTable.tsx";
import { OrderTimeline } from "./OrderTimeline.tsx";
import {
  ADMIN_ACTION_LABELS,
  type OrderDetail,
  type OrderStatus,
  orderNumber,
  STATUS_LABELS,
} from "./order-status.ts";
import { StatusBadge } from "./StatusBadge.tsx";

type Outcome = { kind: "done"; status: OrderStatus } | { kind: "failed"; message: string } | null;

/**
 * One order as an admin manages it. The action buttons are exactly the order's allowedTransitions
 * from order-svc (which enforces the state machine again on every change).
 */
export function AdminOrderView({ initial }: { initial: OrderDetail }) {
  const utils = trpc.useUtils();
  const hydrated = useHydrated();
  const orderId = initial.id;
  const { data: order } = trpc.orders.byId.useQuery({ orderId }, { initialData: initial });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const update = trpc.orders.updateStatus.useMutation({
    onSuccess: (result) => setOutcome({ kind: "done", status: result.status }),
    // Someone else may have moved the order meanwhile (PRECONDITION_FAILED/CONFLICT): show that.
    onError: (error) => setOutcome({ kind: "failed", message: error.message }),
    onSettled: () => utils.orders.byId.invalidate({ orderId }),
  });

  const moveTo = (status: OrderStatus) => {
    setOutcome(null);
    return update.mutateAsync({ orderId, status });
  };
  const forward = order.allowedTransitions.filter((status) => status !== "CANCELLED");
  const cancellable = order.allowedTransitions.includes("CANCELLED");

  return (
    <article className={styles.order} aria-labelledby="order-title">
      <header className={styles.header}>
        <div>
          <h1 id="order-title" className={styles.title}>
            Order {orderNumber(order.id)}
          </h1>
          <p className={styles.meta}>
            {order.userEmail} · placed <LocalDateTime value={order.createdAt} />
          </p>
        </div>
        <p className={styles.status}>
          <span className="visually-hidden">Status: </span>
          <StatusBadge status={order.status} />
        </p>
      </header>

      <section className={styles.panel} aria-labelledby="order-actions">
        <h2 id="order-actions" className={styles.heading}>
          Actions
        </h2>
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
      </section>

      <div className={styles.columns}>
        <section className={styles.panel} aria-labelledby="order-items">
          <h2 id="order-items" className={styles.heading}>
            Items
          </h2>
          <OrderItemsTable order={order} />
        </section>
        <section className={styles.panel} aria-labelledby="order-progress">
          <h2 id="order-progress" className={styles.heading}>
            Timeline
          </h2>
          <OrderTimeline status={order.status} history={order.history} viewer="admin" />
        </section>
      </div>

      <p>
        <Link href="/admin/orders">← All orders</Link>
      </p>
    </article>
  );
}
