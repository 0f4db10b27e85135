import { fieldErrorsOf } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { CatalogSearch } from "../../components/CatalogSearch.tsx";
import { CategoryNav } from "../../components/CategoryNav.tsx";
import { LoadMoreProducts } from "../../components/LoadMoreProducts.tsx";
import { ProductGrid } from "../../components/ProductGrid.tsx";
import { type CatalogQuery, catalogQueryFrom, listInputFor } from "../../lib/catalog-query.ts";
import { bffServerCaller } from "../../server/server-caller.ts";
import styles from "./page.module.css";

interface CatalogPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export const metadata: Metadata = { title: "Catalog" };

type Bff = Awaited<ReturnType<typeof bffServerCaller>>;

/**
 * Lists products, or explains why the query was refused: a bad filter (e.g. search text that is too
 * long) is the shopper's to fix, not an error page.
 */
async function listOrRefusal(bff: Bff, query: CatalogQuery) {
  try {
    return { result: await bff.products.list(listInputFor(query)), refusal: null };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
      const messages = Object.values(fieldErrorsOf(error) ?? {}).flat();
      return { result: null, refusal: messages.length > 0 ? messages.join(" ") : error.message };
    }
    throw error;
  }
}

function summaryOf(total: number, query: CatalogQuery, categoryName: string | undefined): string {
  const count = `${total} ${total === 1 ? "product" : "products"}`;
  const where = categoryName ? ` in ${categoryName}` : "";
  return query.q ? `${count} matching “${query.q}”${where}` : `${count}${where}`;
}

export default async function CatalogPage({ searchParams }: CatalogPageProps) {
  const query = catalogQueryFrom(await searchParams);
  const bff = await bffServerCaller();
  const [categories, { result, refusal }] = await Promise.all([
    bff.categories.list(),
    listOrRefusal(bff, query),
  ]);
  const category = categories.find((c) => c.slug === query.category);
  const filtered = Boolean(query.q || query.category);

  return (
    <>
      <section className={styles.intro} aria-labelledby="catalog-title">
        <h1 id="catalog-title" className={styles.title}>
          {category ? category.name : "Shop the catalog"}
        </h1>
        <p className={styles.lead}>
          Well-made things for the kitchen, the outdoors, your desk and your home.
        </p>
      </section>

      <section className={styles.filters} aria-label="Search and filter">
        {/* Keyed by the query: its inputs are uncontrolled, so a new URL must remount them. */}
        <CatalogSearch key={JSON.stringify(query)} query={query} />
        <CategoryNav categories={categories} query={query} />
      </section>

      {refusal !== null && (
        <div className="notice" role="alert">
          <h2>That search did not work</h2>
          <p>{refusal}</p>
          <Link className="button" href="/">
            Show all products
          </Link>
        </div>
      )}

      {result && result.items.length === 0 && (
        <div className="notice">
          <h2>No products match</h2>
          <p>Try a different search word or another category.</p>
          {filtered && (
            <Link className="button" href="/">
              Clear filters
            </Link>
          )}
        </div>
      )}

      {result && result.items.length > 0 && (
        <section aria-labelledby="results-summary">
          <p id="results-summary" className={styles.summary}>
            {summaryOf(result.total, query, category?.name)}
          </p>
          <ProductGrid products={result.items} eagerFirstRow />
          <LoadMoreProducts
            // A new query must start a fresh "load more" state, not continue the previous one.
            key={JSON.stringify(query)}
            input={listInputFor(query)}
            firstNextCursor={result.nextCursor}
          />
        </section>
      )}
    </>
  );
}
