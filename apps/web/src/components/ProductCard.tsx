import Image from "next/image";
import Link from "next/link";
import { formatPrice } from "../lib/format.ts";
import type { BffOutputs } from "../server/trpc/router.ts";
import styles from "./ProductCard.module.css";
import { StockBadge } from "./StockBadge.tsx";

export type ProductSummary = BffOutputs["products"]["list"]["items"][number];

interface ProductCardProps {
  product: ProductSummary;
  /** The first row of the grid is above the fold: load those images eagerly for a fast LCP. */
  eager?: boolean;
}

export function ProductCard({ product, eager = false }: ProductCardProps) {
  return (
    <article className={styles.card}>
      <Image
        className={styles.image}
        src={product.imageUrl}
        alt=""
        width={400}
        height={300}
        unoptimized
        loading={eager ? "eager" : "lazy"}
      />
      <div className={styles.body}>
        <Link className={styles.category} href={`/?category=${encodeURIComponent(product.category.slug)}`}>
          {product.category.name}
        </Link>
        <h3 className={styles.name}>
          {/* The title link is stretched over the whole card (see CSS), so the card is one big target. */}
          <Link className={styles.link} href={`/products/${product.slug}`}>
            {product.name}
          </Link>
        </h3>
        <div className={styles.meta}>
          <span className={styles.price}>{formatPrice(product.priceCents, product.currency)}</span>
          <StockBadge available={product.available} />
        </div>
      </div>
    </article>
  );
}
