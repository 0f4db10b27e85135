"use client";

import Link from "next/link";
import { useEffect } from "react";

interface CatalogErrorProps {
  error: unknown;
  /** Re-fetches and re-renders the failed segment (Next 16.3+). */
  retry: () => void;
}

/**
 * The fallback when a page fails unexpectedly (e.g. a backing service is down). Server errors arrive
 * with a digest only — the message is withheld in production — so the digest is shown for support.
 */
export default function CatalogError({ error, retry }: CatalogErrorProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  return (
    <div className="notice" role="alert">
      <h1>Something went wrong</h1>
      <p>We could not load this page just now. Please try again in a moment.</p>
      <div className="notice-actions">
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
        <Link className="button button-secondary" href="/">
          Go to the catalog
        </Link>
      </div>
      {digest && <p className="notice-reference">Reference: {digest}</p>}
    </div>
  );
}
