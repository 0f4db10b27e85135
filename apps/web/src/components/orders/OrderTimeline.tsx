import { LocalDateTime } from "./LocalDateTime.tsx";
import styles from "./OrderTimeline.module.css";
import {
  changedByLabel,
  FULFILMENT_STEPS,
  type OrderHistoryEntry,
  type OrderStatus,
  timelineTitle,
} from "./order-status.ts";

interface OrderTimelineProps {
  status: OrderStatus;
  history: readonly OrderHistoryEntry[];
  viewer: "shopper" | "admin";
}

/**
 * What happened to the order (from its status history, oldest first), followed by the steps it has
 * not reached yet, greyed out — so a shopper sees both where the order is and what comes next.
 */
export function OrderTimeline({ status, history, viewer }: OrderTimelineProps) {
  const reached = new Set(history.map((entry) => entry.toStatus));
  const upcoming =
    status === "CANCELLED" || status === "DELIVERED"
      ? []
      : FULFILMENT_STEPS.filter((step) => !reached.has(step));

  return (
    <ol className={styles.timeline} aria-label="Order timeline">
      {history.map((entry, index) => {
        const current = index === history.length - 1;
        return (
          <li
            key={`${entry.toStatus}-${entry.createdAt.toISOString()}`}
            className={`${styles.step} ${styles.done} ${entry.toStatus === "CANCELLED" ? styles.cancelled : ""}`}
            aria-current={current ? "step" : undefined}
          >
            <span className={styles.marker} aria-hidden="true" />
            <div>
              <p className={styles.title}>{timelineTitle(entry.toStatus)}</p>
              <p className={styles.meta}>
                <LocalDateTime value={entry.createdAt} /> · {changedByLabel(entry.changedByRole, viewer)}
              </p>
            </div>
          </li>
        );
      })}
      {upcoming.map((step) => (
        <li key={step} className={`${styles.step} ${styles.upcoming}`}>
          <span className={styles.marker} aria-hidden="true" />
          <div>
            <p className={styles.title}>{timelineTitle(step)}</p>
            <p className={styles.meta}>Not yet</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
