import { stockLabel, stockStateOf } from "../lib/format.ts";
import styles from "./StockBadge.module.css";

/** How many can be bought now (on hand − reserved), as the storefront shows it. */
export function StockBadge({ available }: { available: number }) {
  return (
    <span className={`${styles.badge} ${styles[stockStateOf(available)]}`}>{stockLabel(available)}</span>
  );
}
