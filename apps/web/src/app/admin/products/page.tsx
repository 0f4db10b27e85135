import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { formStyles } from "../../../components/form/FormField.tsx";
import { formatPrice } from "../../../lib/format.ts";
import { requireAdminPage } from "../../../server/require-user.ts";
import { bffServerCaller } from "../../../server/server-caller.ts";
import styles from "../admin.module.css";
import { firstParam, listHref, plural, type SearchParams } from "../admin-params.ts";
import { ArchiveToggle } from "./ArchiveToggle.tsx";
import table from "./products.module.css";
import { StockEditor } from "./StockEditor.tsx";

export const metadata: Metadata = { title: "Products" };

const PAGE_SIZE = 25;

interface AdminProductsPageProps {
  searchParams: Promise<SearchParams>;
}

/** Every product, archived ones included, newest first (best match first when searching). */
export default async function AdminProductsPage({ searchParams }: AdminProductsPageProps) {
  await requireAdminPage();
  const params = await searchParams;
  const q = firstParam(params, "q");
  const cursor = firstParam(params, "cursor");
  const savedId = firstParam(params, "saved");
  const bff = await bffServerCaller();

  let result: Awaited<ReturnType<typeof bff.products.list>>;
  try {
    result = await bff.products.list({ q, cursor, includeArchived: true, limit: PAGE_SIZE });
  } catch (error) {
    // A hand-edited URL (over-long search, stale cursor) is the admin's to fix, not an error page.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
      return (
        <div className="notice" role="alert">
          <h1>That search did not work</h1>
          <p>{error.message}</p>
          <Link className="button" href="/admin/products">
            Show all products
          </Link>
        </div>
      );
    }
    throw error;
  }
  const saved = savedId ? result.items.find((item) => item.id === savedId) : undefined;

  return (
    <>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>Products</h1>
          <p className={styles.subtitle}>
            {q ? `${result.total} matching “${q}”` : `${plural(result.total, "product")}, archived included`}
          </p>
        </div>
        <Link className="button" href="/admin/products/new">
          New product
        </Link>
      </div>

      <search className={styles.toolbar}>
        <form className={styles.search} action="/admin/products">
          <label htmlFor="admin-products-q" className="visually-hidden">
            Search products by name or description
          </label>
          <input
            id="admin-products-q"
            className={styles.searchInput}
            type="search"
            name="q"
            defaultValue={q ?? ""}
            maxLength={100}
            placeholder="Search by name or description…"
          />
          <button type="submit" className="button">
            Search
          </button>
        </form>
        {q && (
          <Link href="/admin/products" className="button button-secondary">
            Clear search
          </Link>
        )}
      </search>

      {saved && (
        <p className={formStyles.success} role="status">
          Saved “{saved.name}”.
        </p>
      )}

      {result.items.length === 0 ? (
        <div className="notice">
          <h2>No products found</h2>
          <p>{q ? "Try another search word." : "Create the first product."}</p>
        </div>
      ) : (
        <div className={table.tableWrap}>
          <table className={table.table}>
            <caption className="visually-hidden">Products</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">SKU</th>
                <th scope="col" className={table.numeric}>
                  Price
                </th>
                <th scope="col">Stock</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((product) => {
                const archived = product.archivedAt !== null;
                const rowClass = [
                  archived ? table.archivedRow : "",
                  product.id === savedId ? table.savedRow : "",
                ]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <tr key={product.id} className={rowClass || undefined}>
                    <th scope="row">
                      <span className={table.productName}>{product.name}</span>
                      <span className={table.category}>{product.category.name}</span>
                    </th>
                    <td className={table.sku}>{product.sku}</td>
                    <td className={table.numeric}>{formatPrice(product.priceCents, product.currency)}</td>
                    <td>
                      <StockEditor productId={product.id} productName={product.name} stock={product.stock} />
                    </td>
                    <td>
                      <span className={`${table.status} ${archived ? table.archived : table.active}`}>
                        {archived ? "Archived" : "Active"}
                      </span>
                    </td>
                    <td>
                      <div className={table.actions}>
                        <Link
                          className={`button button-secondary ${table.smallButton}`}
                          href={`/admin/products/${product.id}/edit`}
                        >
                          Edit<span className="visually-hidden"> {product.name}</span>
                        </Link>
                        <ArchiveToggle
                          productId={product.id}
                          productName={product.name}
                          archived={archived}
                        />
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {(cursor || result.nextCursor) && (
        <nav className={styles.pager} aria-label="Product pages">
          {cursor ? <Link href={listHref("/admin/products", { q })}>← First page</Link> : <span />}
          {result.nextCursor && (
            <Link href={listHref("/admin/products", { q, cursor: result.nextCursor })}>Next page →</Link>
          )}
        </nav>
      )}
    </>
  );
}
