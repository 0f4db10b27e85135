import type { Metadata } from "next";
import { CartContents } from "../../components/cart/CartContents.tsx";
import { currentSessionUser } from "../../server/session.ts";

export const metadata: Metadata = { title: "Your cart" };

/** Guests and shoppers alike: the cart lives in the browser until sign-in, then in the account. */
export default async function CartPage() {
  const user = await currentSessionUser();
  return (
    <>
      <h1>Your cart</h1>
      <CartContents signedIn={user !== null} />
    </>
  );
}
