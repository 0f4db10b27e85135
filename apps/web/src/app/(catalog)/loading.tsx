import gridStyles from "../../components/ProductGrid.module.css";
import styles from "./loading.module.css";

const PLACEHOLDER_CARDS = 8;

/**
 * Shown while the catalog streams in: the page's shape, so nothing jumps when products arrive.
 * It lives in the (catalog) route group on purpose: a loading boundary above /products/[slug] would
 * start streaming (fixing the status at 200) before that page can answer 404 for an unknown slug.
 */
export default function CatalogLoading() {
  return (
    <div aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading products…
      </p>
      <div className={`skeleton ${styles.title}`} />
      <div className={`skeleton ${styles.filters}`} />
      <ul className={gridStyles.grid} aria-hidden="true">
        {Array.from({ length: PLACEHOLDER_CARDS }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders that never reorder
          <li key={i} className={styles.card}>
            <div className={`skeleton ${styles.image}`} />
            <div className={`skeleton ${styles.line}`} />
            <div className={`skeleton ${styles.shortLine}`} />
          </li>
        ))}
      </ul>
    </div>
  );
}
