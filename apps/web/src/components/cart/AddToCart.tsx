"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { MAX_LINE_QUANTITY } from "../../lib/guest-cart.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import styles from "./AddToCart.module.css";
import { QuantityStepper } from "./QuantityStepper.tsx";
import { useCart } from "./use-cart.ts";

interface AddToCartProps {
  productId: string;
  productName: string;
  /** Units in stock when the page was rendered; the order service re-checks at checkout. */
  stock: number;
  signedIn: boolean;
}

type Outcome = { kind: "added"; quantity: number } | { kind: "failed"; message: string } | null;

/** Quantity picker and "Add to cart" on the product page, for guests (localStorage) and shoppers alike. */
export function AddToCart({ productId, productName, stock, signedIn }: AddToCartProps) {
  const { add } = useCart(signedIn);
  const hydrated = useHydrated();
  const [quantity, setQuantity] = useState(1);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const max = Math.min(MAX_LINE_QUANTITY, stock);

  if (stock <= 0) {
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
      await add(productId, quantity);
      setOutcome({ kind: "added", quantity });
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
          value={quantity}
          max={max}
          onChange={setQuantity}
          label="Quantity"
          showLabel
          disabled={!hydrated}
        />
        <button type="submit" className={`button ${styles.submit}`} disabled={pending || !hydrated}>
          {pending ? "Adding…" : "Add to cart"}
        </button>
      </div>
      <div aria-live="polite" className={styles.feedback}>
        {outcome?.kind === "added" && (
          <p className={styles.added}>
            Added {outcome.quantity} to your cart. <Link href="/cart">View cart</Link>
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
