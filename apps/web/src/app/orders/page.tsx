import type { Metadata } from "next";
import { OrderHistory } from "../../components/orders/OrderHistory.tsx";
import { ORDER_HISTORY_PAGE_SIZE } from "../../components/orders/order-status.ts";
import { requireSignedInUser } from "../../server/require-user.ts";
import { bffServerCaller } from "../../server/server-caller.ts";

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage() {
  await requireSignedInUser("/orders");
  const bff = await bffServerCaller();
  const firstPage = await bff.orders.mine({ limit: ORDER_HISTORY_PAGE_SIZE });
  return (
    <>
      <h1>Your orders</h1>
      <OrderHistory firstPage={firstPage} />
    </>
  );
}
