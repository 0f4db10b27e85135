"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { MAX_LINE_QUANTITY } from "../../lib/guest-cart.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import styles from "./AddToCart.module.css";
import { QuantityStepper } from "./QuantityStepper.tsx";
import { type Addition, useCart } from "./use-cart.ts";

interface AddToCartProps {
  productId: string;
  productName: string;
  /** Units that could be bought when the page was rendered; order-svc caps every addition anew. */
  available: number;
  signedIn: boolean;
}

type Outcome = ({ kind: "added" } & Addition) | { kind: "failed"; message: string } | null;

/** Quantity picker and "Add to cart" on the product page, for guests (localStorage) and shoppers alike. */
export function AddToCart({ productId, productName, available, signedIn }: AddToCartProps) {
  const { add, quantityInCart } = useCart(signedIn);
  const hydrated = useHydrated();
  const [quantity, setQuantity] = useState(1);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const inCart = hydrated ? quantityInCart(productId) : 0;
  // What can still go in: never more than can be bought, nor more than one order takes.
  const room = Math.max(0, Math.min(MAX_LINE_QUANTITY, available) - inCart);

  if (available <= 0) {
    return (
      <button type="button" className="button" disabled aria-disabled="true">
        Out of stock
      </button>
    );
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setOutcome(null);
    try {
      setOutcome({ kind: "added", ...(await add(productId, quantity)) });
      setQuantity(1);
    } catch (error) {
      setOutcome({ kind: "failed", message: error instanceof Error ? error.message : "Please try again." });
    } finally {
      setPending(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label={`Add ${productName} to cart`}>
      <div className={styles.controls}>
        <QuantityStepper
          value={Math.min(quantity, Math.max(1, room))}
          max={Math.max(1, room)}
          onChange={setQuantity}
          label="Quantity"
          showLabel
          disabled={!hydrated || room === 0}
        />
        <button type="submit" className={`button ${styles.submit}`} disabled={pending || !hydrated}>
          {pending ? "Adding…" : "Add to cart"}
        </button>
      </div>
      {inCart > 0 && (
        <p className={styles.inCart}>
          {inCart} already in your cart{room === 0 ? " — that is all you can add." : "."}
        </p>
      )}
      <div aria-live="polite" className={styles.feedback}>
        {outcome?.kind === "added" && (
          <p className={styles.added}>
            Added {outcome.added} to your cart.{outcome.message && ` ${outcome.message}`}{" "}
            <Link href="/cart">View cart</Link>
          </p>
        )}
      </div>
      {outcome?.kind === "failed" && (
        <p className={styles.failed} role="alert">
          Could not add this to your cart: {outcome.message}
        </p>
      )}
    </form>
  );
}
