import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requireAdminPage } from "../../server/require-user.ts";
import { AdminNav } from "./AdminNav.tsx";
import styles from "./admin.module.css";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Admin" },
  robots: { index: false, follow: false },
};

/**
 * Refuses non-admins before anything of the admin area renders. Layouts are not re-rendered on
 * client-side navigation between admin pages, so each page checks again (requireAdminPage is cheap:
 * the session is read once per render).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();
  return (
    <div className={styles.shell}>
      <div className={styles.bar}>
        <p className={styles.barTitle}>Admin</p>
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
