"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ProductListInput } from "../lib/catalog-query.ts";
import { useTRPC } from "../lib/trpc.ts";
import styles from "./LoadMoreProducts.module.css";
import { ProductGrid } from "./ProductGrid.tsx";

interface LoadMoreProductsProps {
  /** The same filters the server used for the first page (without a cursor). */
  input: Omit<ProductListInput, "cursor">;
  /** Where the server-rendered first page ended; null when it was the only page. */
  firstNextCursor: string | null;
}

/**
 * Pages beyond the server-rendered first one, fetched through the BFF on demand. The query stays
 * disabled until the first click, so nothing is fetched for shoppers who never ask for more.
 */
export function LoadMoreProducts({ input, firstNextCursor }: LoadMoreProductsProps) {
  const [started, setStarted] = useState(false);
  const trpc = useTRPC();
  const pages = useInfiniteQuery(
    trpc.products.list.infiniteQueryOptions(input, {
      enabled: started && firstNextCursor !== null,
      initialCursor: firstNextCursor,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );

  if (firstNextCursor === null) return null;

  const extraProducts = pages.data?.pages.flatMap((page) => page.items) ?? [];
  // After a failure the button stays, so the shopper can try again.
  const canLoadMore = !started || pages.hasNextPage || pages.isError;
  const busy = pages.isFetching;
  const loadMore = () => {
    if (!started) setStarted(true);
    else if (!pages.data)
      void pages.refetch(); // the very first extra page failed
    else void pages.fetchNextPage();
  };

  return (
    <>
      {extraProducts.length > 0 && (
        <div className={styles.more}>
          <ProductGrid products={extraProducts} />
        </div>
      )}
      <div className={styles.actions} aria-live="polite">
        {pages.isError && (
          <p className={styles.error} role="alert">
            Could not load more products: {pages.error.message}
          </p>
        )}
        {canLoadMore && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={loadMore}>
            {busy ? "Loading…" : "Load more products"}
          </button>
        )}
      </div>
    </>
  );
}
