"use client";

import { useIsMutating, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatPrice } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { VerifyEmailPanel } from "../account/VerifyEmailPanel.tsx";
import { hasShortage, shortageMessage } from "../cart/stock.ts";
import { LoadFailedNotice } from "../LoadFailedNotice.tsx";
import styles from "./CheckoutView.module.css";
import {
  type CheckoutAttempt,
  cartSignature,
  checkoutAttemptKey,
  endCheckoutAttempt,
  outcomeUnknown,
  unfinishedCheckoutAttempt,
} from "./checkout-attempt.ts";
import { PlaceOrderError } from "./PlaceOrderError.tsx";

/** Codes after which the same idempotency key would only be refused again: start a fresh attempt. */
const FINAL_REFUSALS = new Set(["CONFLICT", "BAD_REQUEST", "PRECONDITION_FAILED", "NOT_FOUND", "FORBIDDEN"]);

/**
 * Order summary and "Place order" for the signed-in shopper's cart. If the answer to "Place order" is
 * lost, the order may well have been placed (and the cart emptied by it): the page then offers to
 * check with the same idempotency key, which lands the shopper on that order — or places it, if the
 * first attempt never arrived.
 */
export function CheckoutView() {
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cart = useQuery(trpc.cart.get.queryOptions());
  // order-svc refuses unverified addresses; until then the order button is the verification form.
  const me = useQuery(trpc.users.me.queryOptions());
  // A guest cart being merged right after sign-in must land before the order is placed.
  const merging = useIsMutating({ mutationKey: trpc.cart.merge.mutationKey() }) > 0;
  const inFlight = useRef(false);
  const [leaving, setLeaving] = useState(false);
  // An attempt without a definite answer yet (this tab's sessionStorage; read once mounted).
  const [unfinished, setUnfinished] = useState<CheckoutAttempt | null>(null);
  useEffect(() => setUnfinished(unfinishedCheckoutAttempt()), []);
  const end = () => {
    endCheckoutAttempt();
    setUnfinished(null);
  };
  const place = useMutation(
    trpc.orders.place.mutationOptions({
      onSuccess: (order) => {
        end();
        setLeaving(true);
        void queryClient.invalidateQueries(trpc.cart.pathFilter());
        void queryClient.invalidateQueries(trpc.orders.mine.pathFilter());
        router.push(`/orders/${order.id}?placed=1`);
      },
      onError: (error) => {
        inFlight.current = false;
        if (error.data?.code && FINAL_REFUSALS.has(error.data.code)) end();
        else if (outcomeUnknown(error)) setUnfinished(unfinishedCheckoutAttempt());
        // Stock or prices may have moved (or the order went through and emptied the cart): reload it.
        void queryClient.invalidateQueries(trpc.cart.get.queryFilter());
      },
    }),
  );

  const submit = (idempotencyKey: string) => {
    // A ref, not state: two clicks in the same frame both see the button enabled.
    if (inFlight.current) return;
    inFlight.current = true;
    place.mutate({ idempotencyKey });
  };

  if (leaving) {
    return (
      <div className="notice" role="status">
        <h2>Order placed</h2>
        <p>Opening your order…</p>
      </div>
    );
  }
  if (cart.isPending) {
    return (
      <div className={styles.layout} aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading your order summary…
        </p>
        <div className={`skeleton ${styles.skeleton}`} />
      </div>
    );
  }
  if (cart.isError) {
    return (
      <LoadFailedNotice
        title="We could not load your cart"
        message={cart.error.message}
        onRetry={() => void cart.refetch()}
      />
    );
  }
  if (cart.data.items.length === 0 && !merging && unfinished) {
    return (
      <div className="notice">
        <h2>We could not confirm your order</h2>
        <p>
          The connection dropped while your order was being placed, so it may have gone through. Checking is
          safe: it never places a second order.
        </p>
        {place.error && !outcomeUnknown(place.error) && <PlaceOrderError error={place.error} />}
        <div className="notice-actions">
          <button
            type="button"
            className="button"
            onClick={() => submit(unfinished.key)}
            disabled={place.isPending}
          >
            {place.isPending ? "Checking your order…" : "Check and finish my order"}
          </button>
          <Link className="button button-secondary" href="/orders">
            Your orders
          </Link>
        </div>
      </div>
    );
  }
  if (cart.data.items.length === 0 && !merging) {
    return (
      <div className="notice">
        <h2>Your cart is empty</h2>
        {place.error && <PlaceOrderError error={place.error} />}
        <p>Add something to your cart before checking out.</p>
        <div className="notice-actions">
          <Link className="button" href="/">
            Browse the catalog
          </Link>
          <Link className="button button-secondary" href="/orders">
            Your orders
          </Link>
        </div>
      </div>
    );
  }

  const { items, itemCount, subtotalCents, currency } = cart.data;
  const short = hasShortage(items);
  const busy = place.isPending;
  const unverified = me.data ? !me.data.emailVerified : false;
  const placeOrder = () => submit(checkoutAttemptKey(cartSignature(items)));

  return (
    <div className={styles.layout}>
      <section className={styles.panel} aria-labelledby="checkout-items">
        <h2 id="checkout-items" className={styles.heading}>
          Items ({itemCount})
        </h2>
        <ul className={styles.items}>
          {items.map((line) => {
            const warning = shortageMessage(line);
            return (
              <li key={line.productId} className={styles.item}>
                <span className={styles.itemName}>
                  {line.name} <span className={styles.times}>× {line.quantity}</span>
                  {warning && <span className={styles.warning}>{warning}</span>}
                </span>
                <span className={styles.amount}>{formatPrice(line.lineTotalCents, line.currency)}</span>
              </li>
            );
          })}
        </ul>
        <Link href="/cart" className={styles.edit}>
          Change items in your cart
        </Link>
      </section>

      <aside className={styles.panel} aria-label="Payment summary">
        <dl className={styles.totals}>
          <div>
            <dt>Subtotal</dt>
            <dd>{formatPrice(subtotalCents, currency)}</dd>
          </div>
          <div>
            <dt>Shipping</dt>
            <dd>Free</dd>
          </div>
          <div className={styles.total}>
            <dt>Total</dt>
            <dd>{formatPrice(subtotalCents, currency)}</dd>
          </div>
        </dl>
        {place.error && <PlaceOrderError error={place.error} />}
        {me.data && unverified ? (
          <VerifyEmailPanel
            email={me.data.email}
            submitLabel="Verify and place order"
            busy={busy || merging || short}
            onVerified={placeOrder}
          />
        ) : (
          <button
            type="button"
            className={`button ${styles.place}`}
            onClick={placeOrder}
            disabled={busy || merging || short || me.isPending}
            aria-describedby={short ? "checkout-short" : undefined}
          >
            {busy ? "Placing your order…" : merging ? "Updating your cart…" : "Place order"}
          </button>
        )}
        {short && (
          <p id="checkout-short" className={styles.blocked}>
            Some items are not available in the quantity you chose. <Link href="/cart">Adjust your cart</Link>{" "}
            to continue.
          </p>
        )}
        <p className={styles.note}>This is a demo shop: no payment is taken and nothing is shipped.</p>
      </aside>
    </div>
  );
}
