"use client";

import Link from "next/link";
import styles from "./CartLink.module.css";
import { GuestCartMerge } from "./GuestCartMerge.tsx";
import { useCart } from "./use-cart.ts";

/** The header's cart link with the number of items; also where a guest cart is merged after sign-in. */
export function CartLink({ signedIn }: { signedIn: boolean }) {
  const { itemCount } = useCart(signedIn);
  const label = itemCount === 0 ? "Cart, empty" : `Cart, ${itemCount} ${itemCount === 1 ? "item" : "items"}`;
  return (
    <>
      <Link href="/cart" className={styles.link} aria-label={label}>
        <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M3 4h2.2l2.1 10.2a2 2 0 0 0 2 1.6h7.6a2 2 0 0 0 2-1.5L20.5 8H6.1"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
          <circle cx="10" cy="19.5" r="1.4" fill="currentColor" />
          <circle cx="17" cy="19.5" r="1.4" fill="currentColor" />
        </svg>
        <span className={styles.text}>Cart</span>
        {itemCount > 0 && (
          <span className={styles.badge} data-testid="cart-count">
            {itemCount > 99 ? "99+" : itemCount}
          </span>
        )}
      </Link>
      {signedIn && <GuestCartMerge />}
    </>
  );
}
