"use client";

import Link from "next/link";
import { useState } from "react";
import { signInPath } from "../../lib/callback-url.ts";
import { formatPrice } from "../../lib/format.ts";
import { LoadFailedNotice } from "../LoadFailedNotice.tsx";
import styles from "./CartContents.module.css";
import { CartLineItem } from "./CartLineItem.tsx";
import { hasShortage } from "./stock.ts";
import { useCart } from "./use-cart.ts";

/** The cart page body: lines with current prices and stock, subtotal, and the way to checkout. */
export function CartContents({ signedIn }: { signedIn: boolean }) {
  const { cart, isLoading, error, retry, isRefreshing, setQuantity, remove } = useCart(signedIn);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (productId: string, change: () => Promise<void>) => {
    setBusy((ids) => new Set(ids).add(productId));
    setFailure(null);
    try {
      await change();
    } catch (caught) {
      setFailure(caught instanceof Error ? caught.message : "Please try again.");
    } finally {
      setBusy((ids) => {
        const next = new Set(ids);
        next.delete(productId);
        return next;
      });
    }
  };

  if (isLoading) {
    return (
      <div className={styles.layout} aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading your cart…
        </p>
        <div className={styles.lines}>
          {[0, 1].map((n) => (
            <div key={n} className={`skeleton ${styles.lineSkeleton}`} />
          ))}
        </div>
        <div className={`skeleton ${styles.summarySkeleton}`} />
      </div>
    );
  }

  if (!cart) {
    return (
      <LoadFailedNotice
        title="We could not load your cart"
        message={error?.message ?? "Please try again in a moment."}
        onRetry={retry}
      />
    );
  }

  if (cart.currency === null || cart.items.length === 0) {
    return (
      <div className="notice">
        <h2>Your cart is empty</h2>
        <p>Find something you like in the catalog and add it here.</p>
        <div className="notice-actions">
          <Link className="button" href="/">
            Browse the catalog
          </Link>
        </div>
      </div>
    );
  }

  const short = hasShortage(cart.items);

  return (
    <div className={styles.layout}>
      <section aria-label="Items in your cart">
        <ul className={styles.lines}>
          {cart.items.map((line) => (
            <CartLineItem
              key={line.productId}
              line={line}
              busy={busy.has(line.productId)}
              onQuantity={(quantity) => run(line.productId, () => setQuantity(line.productId, quantity))}
              onRemove={() => run(line.productId, () => remove(line.productId))}
            />
          ))}
        </ul>
        {failure && (
          <p className={styles.failure} role="alert">
            Your cart was not changed: {failure}
          </p>
        )}
      </section>

      <aside className={styles.summary} aria-label="Order summary">
        <h2 className={styles.summaryTitle}>Summary</h2>
        <dl className={styles.totals}>
          <dt>
            Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
          </dt>
          <dd aria-busy={isRefreshing}>{formatPrice(cart.subtotalCents, cart.currency)}</dd>
        </dl>
        <p className={styles.note}>Shipping is free. Prices are today's and are confirmed at checkout.</p>
        {short ? (
          <p className={styles.blocked} role="status">
            Some items are no longer available in the quantity you chose. Adjust them to check out.
          </p>
        ) : signedIn ? (
          <Link className={`button ${styles.checkout}`} href="/checkout">
            Go to checkout
          </Link>
        ) : (
          <>
            <Link className={`button ${styles.checkout}`} href={signInPath("/checkout")}>
              Sign in to check out
            </Link>
            <p className={styles.note}>Your cart moves to your account when you sign in.</p>
          </>
        )}
      </aside>
    </div>
  );
}
