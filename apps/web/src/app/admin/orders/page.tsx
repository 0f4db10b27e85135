import type { Metadata } from "next";
import Link from "next/link";
import { LocalDateTime } from "../../../components/orders/LocalDateTime.tsx";
import {
  ORDER_STATUSES,
  type OrderStatus,
  orderNumber,
  STATUS_LABELS,
} from "../../../components/orders/order-status.ts";
import { StatusBadge } from "../../../components/orders/StatusBadge.tsx";
import { formatPrice } from "../../../lib/format.ts";
import { requireAdminPage } from "../../../server/require-user.ts";
import { bffServerCaller } from "../../../server/server-caller.ts";
import { AdminPageHeader } from "../AdminPageHeader.tsx";
import { firstParam, listHref, type SearchParams } from "../admin-params.ts";
import { isRefusedListQuery, ListQueryRefused } from "../ListQueryRefused.tsx";
import table from "./orders.module.css";

export const metadata: Metadata = { title: "Orders" };

const PAGE_SIZE = 25;

const isStatus = (value: string | undefined): value is OrderStatus =>
  ORDER_STATUSES.some((status) => status === value);

/** Every customer's orders, newest first, filterable by status; each links to where it is managed. */
export default async function AdminOrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdminPage();
  const params = await searchParams;
  const requested = firstParam(params, "status");
  const status = isStatus(requested) ? requested : undefined;
  const cursor = firstParam(params, "cursor");
  const bff = await bffServerCaller();

  let result: Awaited<ReturnType<typeof bff.orders.list>>;
  try {
    result = await bff.orders.list({ status, cursor, limit: PAGE_SIZE });
  } catch (error) {
    // A stale or hand-edited cursor: offer the list from the start (same filter) instead.
    if (!isRefusedListQuery(error)) throw error;
    return (
      <ListQueryRefused
        title="That page of orders does not exist"
        message={error.message}
        href={listHref("/admin/orders", { status })}
      >
        Back to the first page
      </ListQueryRefused>
    );
  }

  const filterLabel = status ? STATUS_LABELS[status].toLowerCase() : null;
  return (
    <>
      <AdminPageHeader
        title="Orders"
        subtitle={
          <>
            {result.total} {filterLabel ? `${filterLabel} ` : ""}
            {result.total === 1 ? "order" : "orders"}
          </>
        }
      />

      <nav aria-label="Filter orders by status" className={table.filters}>
        <ul>
          {[undefined, ...ORDER_STATUSES].map((option) => (
            <li key={option ?? "all"}>
              <Link
                href={listHref("/admin/orders", { status: option })}
                aria-current={option === status ? "page" : undefined}
              >
                {option ? STATUS_LABELS[option] : "All"}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {result.items.length === 0 ? (
        <div className="notice">
          <h2>No {filterLabel ?? ""} orders</h2>
          <p>{status ? "Try another status." : "Orders appear here as soon as customers place them."}</p>
        </div>
      ) : (
        <div className={table.tableWrap}>
          <table className={table.table}>
            <caption className="visually-hidden">Orders{filterLabel ? `, ${filterLabel}` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Placed</th>
                <th scope="col" className={table.numeric}>
                  Products
                </th>
                <th scope="col" className={table.numeric}>
                  Total
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((order) => (
                <tr key={order.id}>
                  <th scope="row">
                    <Link href={`/admin/orders/${order.id}`} className={table.orderLink}>
                      {orderNumber(order.id)}
                    </Link>
                  </th>
                  <td className={table.email}>{order.userEmail}</td>
                  <td>
                    <LocalDateTime value={order.createdAt} />
                  </td>
                  <td className={table.numeric}>{order.itemCount}</td>
                  <td className={table.numeric}>{formatPrice(order.subtotalCents, order.currency)}</td>
                  <td>
                    <StatusBadge status={order.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages" className={table.pager}>
        {cursor && (
          <Link className="button button-secondary" href={listHref("/admin/orders", { status })}>
            ← Newest orders
          </Link>
        )}
        {result.nextCursor && (
          <Link
            className="button button-secondary"
            href={listHref("/admin/orders", { status, cursor: result.nextCursor })}
          >
            Older orders →
          </Link>
        )}
      </nav>
    </>
  );
}
