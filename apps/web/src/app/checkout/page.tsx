import type { Metadata } from "next";
import { CheckoutView } from "../../components/checkout/CheckoutView.tsx";
import { requireSignedInUser } from "../../server/require-user.ts";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  await requireSignedInUser("/checkout");
  return (
    <>
      <h1>Checkout</h1>
      <CheckoutView />
    </>
  );
}
