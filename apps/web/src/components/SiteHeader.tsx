import Link from "next/link";
import { SHOP_NAME } from "../lib/format.ts";
import { currentSessionUser } from "../server/session.ts";
import { AccountMenu } from "./AccountMenu.tsx";
import { CartLink } from "./cart/CartLink.tsx";
import { NotificationBell } from "./notifications/NotificationBell.tsx";
import styles from "./SiteHeader.module.css";

export async function SiteHeader() {
  const user = await currentSessionUser();
  return (
    <header className={styles.header}>
      <div className={`container ${styles.inner}`}>
        <Link href="/" className={styles.brand}>
          <svg className={styles.logo} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path d="M9 12h14l-1.5 11h-11z" fill="#fff" />
            <path d="M12.5 12a3.5 3.5 0 0 1 7 0" fill="none" stroke="#fff" strokeWidth="2" />
          </svg>
          <span>{SHOP_NAME}</span>
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          <Link href="/" className={styles.catalogLink}>
            Catalog
          </Link>
          {user && <Link href="/orders">Orders</Link>}
          <CartLink signedIn={user !== null} />
          {user && <NotificationBell />}
        </nav>
        <AccountMenu
          account={user && { name: user.name, email: user.email, isAdmin: user.role === "ADMIN" }}
        />
      </div>
    </header>
  );
}
