import type { Metadata } from "next";
import Link from "next/link";
import { formStyles } from "../../../components/form/FormField.tsx";
import { formatPrice } from "../../../lib/format.ts";
import { requireAdminPage } from "../../../server/require-user.ts";
import { bffServerCaller } from "../../../server/server-caller.ts";
import { AdminPageHeader } from "../AdminPageHeader.tsx";
import { AdminPager } from "../AdminPager.tsx";
import { AdminSearch } from "../AdminSearch.tsx";
import { firstParam, plural, type SearchParams } from "../admin-params.ts";
import { isRefusedListQuery, ListQueryRefused } from "../ListQueryRefused.tsx";
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
    if (!isRefusedListQuery(error)) throw error;
    return (
      <ListQueryRefused title="That search did not work" message={error.message} href="/admin/products">
        Show all products
      </ListQueryRefused>
    );
  }
  const saved = savedId ? result.items.find((item) => item.id === savedId) : undefined;

  return (
    <>
      <AdminPageHeader
        title="Products"
        subtitle={
          q ? `${result.total} matching “${q}”` : `${plural(result.total, "product")}, archived included`
        }
        action={
          <Link className="button" href="/admin/products/new">
            New product
          </Link>
        }
      />

      <AdminSearch
        listPath="/admin/products"
        inputId="admin-products-q"
        label="Search products by name or description"
        placeholder="Search by name or description…"
        q={q}
      />

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
                <th scope="col">
                  On hand <span className={table.columnNote}>(stock-take)</span>
                </th>
                <th scope="col" className={table.numeric}>
                  Reserved
                </th>
                <th scope="col" className={table.numeric}>
                  Available
                </th>
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
                      <StockEditor
                        productId={product.id}
                        productName={product.name}
                        onHand={product.stockLevels?.onHand ?? 0}
                      />
                    </td>
                    <td className={table.numeric} data-column="reserved">
                      {product.stockLevels?.reserved ?? "—"}
                    </td>
                    <td className={table.numeric} data-column="available">
                      {product.available}
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

      <AdminPager
        listPath="/admin/products"
        label="Product pages"
        q={q}
        cursor={cursor}
        nextCursor={result.nextCursor}
      />
    </>
  );
}
