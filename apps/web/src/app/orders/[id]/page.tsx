import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderDetailView } from "../../../components/orders/OrderDetailView.tsx";
import { orderNumber } from "../../../components/orders/order-status.ts";
import { requireSignedInUser } from "../../../server/require-user.ts";
import { bffServerCaller } from "../../../server/server-caller.ts";

interface OrderPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ placed?: string | string[] }>;
}

export async function generateMetadata({ params }: OrderPageProps): Promise<Metadata> {
  return { title: `Order ${orderNumber((await params).id)}` };
}

/** One order, for its owner (order-svc answers NOT_FOUND for anyone else's, malformed ids included). */
export default async function OrderPage({ params, searchParams }: OrderPageProps) {
  const { id } = await params;
  await requireSignedInUser(`/orders/${id}`);
  const bff = await bffServerCaller();
  const order = await bff.orders.byId({ orderId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  });
  return <OrderDetailView initial={order} justPlaced={(await searchParams).placed === "1"} />;
}
