import { type CatalogQuery, type ProductSort, SORT_LABELS } from "../lib/catalog-query.ts";
import styles from "./CatalogSearch.module.css";

/**
 * A plain GET form: works without JavaScript, and the resulting URL is shareable. The category
 * travels as a hidden field so searching stays within the chosen category.
 */
export function CatalogSearch({ query }: { query: CatalogQuery }) {
  const sorts = (Object.keys(SORT_LABELS) as ProductSort[]).filter((s) => s !== "relevance" || query.q);
  const selectedSort = query.sort ?? (query.q ? "relevance" : "newest");
  return (
    <search>
      <form className={styles.form} action="/" method="get">
        {query.category && <input type="hidden" name="category" value={query.category} />}
        <div className={styles.searchField}>
          <label htmlFor="catalog-q" className="visually-hidden">
            Search products
          </label>
          <input
            id="catalog-q"
            className={styles.input}
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            placeholder="Search products…"
            maxLength={100}
            autoComplete="off"
          />
        </div>
        <div className={styles.sortField}>
          <label htmlFor="catalog-sort" className={styles.sortLabel}>
            Sort
          </label>
          <select id="catalog-sort" className={styles.select} name="sort" defaultValue={selectedSort}>
            {sorts.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
    </search>
  );
}
