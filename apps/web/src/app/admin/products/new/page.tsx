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
  const categories = await (await bffServerCaller()).categories.list();
  return (
    <>
      <AdminPageHeader title="New product" back={{ href: "/admin/products", label: "Products" }} />
      <section className={styles.panel} aria-label="Product details">
        <ProductForm categories={categories} initialValues={EMPTY_PRODUCT} />
      </section>
    </>
  );
}
