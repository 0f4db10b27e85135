"use client";

import type { TRPCClientErrorLike } from "@trpc/client";
import Link from "next/link";
import { signInPath } from "../../lib/callback-url.ts";
import type { BffRouter } from "../../server/trpc/router.ts";
import styles from "./CheckoutView.module.css";
import { outcomeUnknown } from "./checkout-attempt.ts";
import { describeShortage, outOfStockLines } from "./out-of-stock.ts";

/** Why "Place order" failed, and what the shopper can do about it. */
export function PlaceOrderError({ error }: { error: TRPCClientErrorLike<BffRouter> }) {
  const shortages = outOfStockLines(error.data);
  if (shortages.length > 0) {
    return (
      <div className={styles.error} role="alert">
        <p className={styles.errorTitle}>Some items ran out before we could reserve them:</p>
        <ul>
          {shortages.map((line) => (
            <li key={line.productId}>
              <strong>{line.name ?? "A product that is no longer sold"}</strong>: {describeShortage(line)}
            </li>
          ))}
        </ul>
        <p>
          Nothing was ordered. <Link href="/cart">Update your cart</Link> and try again.
        </p>
      </div>
    );
  }
  if (error.data?.code === "UNAUTHORIZED") {
    return (
      <div className={styles.error} role="alert">
        <p>
          Your session has ended. <Link href={signInPath("/checkout")}>Sign in again</Link> to place your
          order.
        </p>
      </div>
    );
  }
  // No answer (network) or a server failure: the order may or may not exist; the same key is kept.
  return (
    <div className={styles.error} role="alert">
      <p>
        {outcomeUnknown(error)
          ? "We could not confirm your order. Trying again is safe: it will not place a second order."
          : error.message}
      </p>
    </div>
  );
}
