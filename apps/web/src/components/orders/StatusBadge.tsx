import { type OrderStatus, STATUS_LABELS } from "./order-status.ts";
import styles from "./StatusBadge.module.css";

export function StatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`${styles.badge} ${styles[status.toLowerCase()]}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
