import type { Metadata } from "next";
import { requireAdminPage } from "../../../../server/require-user.ts";
import { bffServerCaller } from "../../../../server/server-caller.ts";
import { AdminPageHeader } from "../../AdminPageHeader.tsx";
import styles from "../../admin.module.css";
import { ProductForm } from "../ProductForm.tsx";
import { EMPTY_PRODUCT } from "../product-form-values.ts";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage() {
  await requireAdminPage();
  const bff = await bffServerCaller();
  const [categories, store] = await Promise.all([bff.categories.list(), bff.store.get()]);
  return (
    <>
      <AdminPageHeader title="New product" back={{ href: "/admin/products", label: "Products" }} />
      <section className={styles.panel} aria-label="Product details">
        <ProductForm categories={categories} initialValues={EMPTY_PRODUCT} storeCurrency={store.currency} />
      </section>
    </>
  );
}
