import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "../../server/require-user.ts";
import { bffServerCaller } from "../../server/server-caller.ts";
import { AdminPageHeader } from "./AdminPageHeader.tsx";
import styles from "./admin.module.css";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminOverviewPage() {
  const admin = await requireAdminPage();
  const bff = await bffServerCaller();
  const [products, users] = await Promise.all([
    bff.products.list({ includeArchived: true, limit: 1 }),
    bff.users.list({ limit: 1 }),
  ]);
  return (
    <>
      <AdminPageHeader title="Overview" subtitle={<>Signed in as {admin.email ?? admin.name}.</>} />
      <div className={styles.cards}>
        <Link className={styles.card} href="/admin/products">
          <span className={styles.cardTitle}>Products</span>
          <span className={styles.cardCount}>{products.total}</span>
          <span className={styles.cardLabel}>Archived ones included. Add, edit, restock, archive.</span>
        </Link>
        <Link className={styles.card} href="/admin/users">
          <span className={styles.cardTitle}>Users</span>
          <span className={styles.cardCount}>{users.total}</span>
          <span className={styles.cardLabel}>Shopper and admin accounts. Search, change roles.</span>
        </Link>
      </div>
    </>
  );
}
