import { formatPrice } from "../../lib/format.ts";
import styles from "./OrderItemsTable.module.css";
import type { OrderDetail } from "./order-status.ts";

/** The order's lines as they were bought (name and price snapshots), with the subtotal. */
export function OrderItemsTable({ order }: { order: OrderDetail }) {
  return (
    <table className={styles.table}>
      <caption className="visually-hidden">Items in this order</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className={styles.number}>
            Price
          </th>
          <th scope="col" className={styles.number}>
            Qty
          </th>
          <th scope="col" className={styles.number}>
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {order.items.map((item) => (
          <tr key={item.productId}>
            <th scope="row" className={styles.name}>
              {item.name}
            </th>
            <td className={styles.number}>{formatPrice(item.unitPriceCents, order.currency)}</td>
            <td className={styles.number}>{item.quantity}</td>
            <td className={styles.number}>{formatPrice(item.lineTotalCents, order.currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total (free shipping)
          </th>
          <td className={styles.number}>{formatPrice(order.subtotalCents, order.currency)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
