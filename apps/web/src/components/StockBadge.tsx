import { stockLabel, stockStateOf } from "../lib/format.ts";
import styles from "./StockBadge.module.css";

export function StockBadge({ stock }: { stock: number }) {
  return <span className={`${styles.badge} ${styles[stockStateOf(stock)]}`}>{stockLabel(stock)}</span>;
}
