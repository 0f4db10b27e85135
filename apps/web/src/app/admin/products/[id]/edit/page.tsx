import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "../../../../../server/require-user.ts";
import { bffServerCaller } from "../../../../../server/server-caller.ts";
import { AdminPageHeader } from "../../../AdminPageHeader.tsx";
import styles from "../../../admin.module.css";
import { ProductForm } from "../../ProductForm.tsx";
import { valuesFromProduct } from "../../product-form-values.ts";

export const metadata: Metadata = { title: "Edit product" };

interface EditProductPageProps {
  params: Promise<{ id: string }>;
}

export default async function EditProductPage({ params }: EditProductPageProps) {
  await requireAdminPage();
  const { id } = await params;
  const bff = await bffServerCaller();
  const [categories, store, product] = await Promise.all([
    bff.categories.list(),
    bff.store.get(),
    bff.products.byId({ id }).catch((error: unknown) => {
      // Unknown ids and malformed ones (not a UUID) are both "no such product".
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
        notFound();
      throw error;
    }),
  ]);
  return (
    <>
      <AdminPageHeader
        title={<>Edit “{product.name}”</>}
        back={{ href: "/admin/products", label: "Products" }}
        subtitle={product.archivedAt && "Archived: not shown in the storefront."}
        action={
          !product.archivedAt && (
            <Link className="button button-secondary" href={`/products/${product.slug}`}>
              View in shop
            </Link>
          )
        }
      />
      <section className={styles.panel} aria-label="Product details">
        <ProductForm
          categories={categories}
          initialValues={valuesFromProduct(product)}
          storeCurrency={store.currency}
          pricedIn={product.currency}
          productId={product.id}
        />
      </section>
    </>
  );
}
