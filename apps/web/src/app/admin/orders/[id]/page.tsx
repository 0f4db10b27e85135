import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminOrderView } from "../../../../components/orders/AdminOrderView.tsx";
import { orderNumber } from "../../../../components/orders/order-status.ts";
import { requireAdminPage } from "../../../../server/require-user.ts";
import { bffServerCaller } from "../../../../server/server-caller.ts";

interface AdminOrderPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: AdminOrderPageProps): Promise<Metadata> {
  return { title: `Order ${orderNumber((await params).id)}` };
}

export default async function AdminOrderPage({ params }: AdminOrderPageProps) {
  await requireAdminPage();
  const { id } = await params;
  const bff = await bffServerCaller();
  const order = await bff.orders.byId({ orderId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  });
  return <AdminOrderView initial={order} />;
}
