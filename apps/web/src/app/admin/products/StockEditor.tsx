"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { bffErrorFacts } from "../../../components/form/field-errors.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import styles from "./products.module.css";

interface StockEditorProps {
  productId: string;
  productName: string;
  onHand: number;
}

/**
 * Inline stock-take in the product table: type the units counted on the shelf, press Enter or Save.
 * It sets on hand only; units reserved for open orders stay reserved (product-svc refuses a count
 * below them).
 */
export function StockEditor({ productId, productName, onHand }: StockEditorProps) {
  const router = useRouter();
  const [value, setValue] = useState(String(onHand));
  const [message, setMessage] = useState<{ kind: "error" | "saved"; text: string } | null>(null);
  const trpc = useTRPC();
  const setStock = useMutation(trpc.products.setStock.mutationOptions());
  const inputId = useId();
  const messageId = `${inputId}-message`;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = value.trim();
    if (!/^\d+$/.test(text)) {
      setMessage({ kind: "error", text: "Enter a whole number, 0 or more" });
      return;
    }
    setMessage(null);
    try {
      const updated = await setStock.mutateAsync({ id: productId, onHand: Number(text) });
      setValue(String(updated.stockLevels?.onHand ?? text));
      setMessage({ kind: "saved", text: "Saved" });
      router.refresh();
    } catch (error) {
      const facts = bffErrorFacts(error);
      setMessage({ kind: "error", text: facts.fieldErrors.onHand ?? facts.message });
    }
  }

  const changed = value.trim() !== String(onHand);
  return (
    <form className={styles.stockForm} onSubmit={save} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        On hand for {productName}
      </label>
      <input
        id={inputId}
        className={styles.stockInput}
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setMessage(null);
        }}
        aria-invalid={message?.kind === "error"}
        aria-describedby={message ? messageId : undefined}
      />
      <button
        type="submit"
        className={`button button-secondary ${styles.smallButton}`}
        disabled={setStock.isPending || !changed}
      >
        {setStock.isPending ? "Saving…" : "Save"}
        <span className="visually-hidden"> on hand for {productName}</span>
      </button>
      {message && (
        <p
          id={messageId}
          role={message.kind === "error" ? "alert" : "status"}
          className={`${styles.rowMessage} ${message.kind === "error" ? styles.rowError : styles.rowSaved}`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
