import Link from "next/link";
import styles from "./admin.module.css";
import { listHref } from "./admin-params.ts";

interface AdminPagerProps {
  listPath: string;
  /** Names the navigation landmark, e.g. "Product pages". */
  label: string;
  q: string | undefined;
  /** The cursor this page was opened at (none on the first page). */
  cursor: string | undefined;
  nextCursor: string | null;
}

/**
 * Links to the first and the next page of a searchable list. Cursors only lead forward, so "back" is
 * back to the start; the search is kept on both links.
 */
export function AdminPager({ listPath, label, q, cursor, nextCursor }: AdminPagerProps) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav className={styles.pager} aria-label={label}>
      {cursor ? <Link href={listHref(listPath, { q })}>← First page</Link> : <span />}
      {nextCursor && <Link href={listHref(listPath, { q, cursor: nextCursor })}>Next page →</Link>}
    </nav>
  );
}
