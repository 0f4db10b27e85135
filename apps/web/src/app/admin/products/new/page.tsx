import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "../../../../server/require-user.ts";
import { bffServerCaller } from "../../../../server/server-caller.ts";
import styles from "../../admin.module.css";
import { ProductForm } from "../ProductForm.tsx";
import { EMPTY_PRODUCT } from "../product-form-values.ts";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage() {
  await requireAdminPage();
  const categories = await (await bffServerCaller()).categories.list();
  return (
    <>
      <div className={styles.header}>
        <div>
          <p className={styles.subtitle}>
            <Link href="/admin/products">← Products</Link>
          </p>
          <h1 className={styles.title}>New product</h1>
        </div>
      </div>
      <section className={styles.panel} aria-label="Product details">
        <ProductForm categories={categories} initialValues={EMPTY_PRODUCT} />
      </section>
    </>
  );
}
