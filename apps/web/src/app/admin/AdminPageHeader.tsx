import Link from "next/link";
import type { ReactNode } from "react";
import styles from "./admin.module.css";

interface AdminPageHeaderProps {
  title: ReactNode;
  /** Above the title, on pages reached from a list (the product form): the way back to it. */
  back?: { href: string; label: string };
  subtitle?: ReactNode;
  /** The page's main action, at the far end of the header. */
  action?: ReactNode;
}

/** The heading block every admin page opens with. */
export function AdminPageHeader({ title, back, subtitle, action }: AdminPageHeaderProps) {
  return (
    <div className={styles.header}>
      <div>
        {back && (
          <p className={styles.subtitle}>
            <Link href={back.href}>← {back.label}</Link>
          </p>
        )}
        <h1 className={styles.title}>{title}</h1>
        {subtitle && <p className={styles.subtitle}>{subtitle}</p>}
      </div>
      {action}
    </div>
  );
}
