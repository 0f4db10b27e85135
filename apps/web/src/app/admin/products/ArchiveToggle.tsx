"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { bffErrorFacts } from "../../../components/form/field-errors.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import styles from "./products.module.css";

interface ArchiveToggleProps {
  productId: string;
  productName: string;
  archived: boolean;
}

/**
 * Archive takes a product out of the storefront (carts and past orders still see it); Restore puts
 * it back. Both are one click because each undoes the other.
 */
export function ArchiveToggle({ productId, productName, archived }: ArchiveToggleProps) {
  const router = useRouter();
  const trpc = useTRPC();
  const archive = useMutation(trpc.products.archive.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setError(null);
    try {
      await archive.mutateAsync({ id: productId, archived: !archived });
      router.refresh();
    } catch (failure) {
      setError(bffErrorFacts(failure).message);
    }
  }

  const verb = archived ? "Restore" : "Archive";
  return (
    <>
      <button
        type="button"
        className={`button button-secondary ${styles.smallButton}`}
        onClick={toggle}
        disabled={archive.isPending}
      >
        {archive.isPending ? `${verb === "Archive" ? "Archiving" : "Restoring"}…` : verb}
        <span className="visually-hidden"> {productName}</span>
      </button>
      {error && (
        <span role="alert" className={`${styles.rowMessage} ${styles.rowError}`}>
          {error}
        </span>
      )}
    </>
  );
}
