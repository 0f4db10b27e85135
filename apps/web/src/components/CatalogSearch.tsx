import Form from "next/form";
import { type CatalogQuery, type ProductSort, SORT_LABELS } from "../lib/catalog-query.ts";
import styles from "./CatalogSearch.module.css";

/**
 * A GET form (next/form: client-side navigation when JavaScript is on, a plain form submit when it
 * is not); the resulting URL is shareable. The category
 * travels as a hidden field so searching stays within the chosen category.
 */
export function CatalogSearch({ query }: { query: CatalogQuery }) {
  // The first option is "let the service choose": best match when searching, newest otherwise. Making
  // it explicit would carry "newest" into the shopper's first search instead of ranking by relevance.
  const defaultSort: ProductSort = query.q ? "relevance" : "newest";
  const otherSorts = (Object.keys(SORT_LABELS) as ProductSort[]).filter(
    (sort) => sort !== "relevance" && sort !== defaultSort,
  );
  const selectedSort = query.sort === undefined || query.sort === defaultSort ? "" : query.sort;
  return (
    <search>
      <Form className={styles.form} action="/">
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
            <option value="">{SORT_LABELS[defaultSort]}</option>
            {otherSorts.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </Form>
    </search>
  );
}
