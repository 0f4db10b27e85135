import Link from "next/link";
import { type CatalogQuery, catalogHref } from "../lib/catalog-query.ts";
import type { BffOutputs } from "../server/trpc/router.ts";
import styles from "./CategoryNav.module.css";

type Category = BffOutputs["categories"]["list"][number];

/** Category filter as links (keeps the search text and sort), with the product count of each. */
export function CategoryNav({ categories, query }: { categories: Category[]; query: CatalogQuery }) {
  const total = categories.reduce((sum, c) => sum + c.productCount, 0);
  const entries = [
    { slug: undefined, name: "All", productCount: total },
    ...categories.map((c) => ({ slug: c.slug, name: c.name, productCount: c.productCount })),
  ];
  return (
    <nav aria-label="Categories">
      <ul className={styles.list}>
        {entries.map((entry) => {
          const active = entry.slug === query.category;
          return (
            <li key={entry.slug ?? "all"}>
              <Link
                className={styles.chip}
                href={catalogHref({ ...query, category: entry.slug })}
                aria-current={active ? "page" : undefined}
              >
                {entry.name}
                <span className={styles.count}>{entry.productCount}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
