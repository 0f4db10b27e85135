import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AddToCart } from "../../../components/cart/AddToCart.tsx";
import { StockBadge } from "../../../components/StockBadge.tsx";
import { catalogHref } from "../../../lib/catalog-query.ts";
import { formatPrice, stockStateOf } from "../../../lib/format.ts";
import { bffServerCaller } from "../../../server/server-caller.ts";
import { currentSessionUser } from "../../../server/session.ts";
import styles from "./page.module.css";

interface ProductPageProps {
  params: Promise<{ slug: string }>;
}

/**
 * The product for a slug, or null when there is none. A malformed slug (BAD_REQUEST from the service)
 * is just another URL that names no product. cache(): metadata and page share one service call.
 */
const loadProduct = cache(async (slug: string) => {
  const bff = await bffServerCaller();
  try {
    return await bff.products.bySlug({ slug });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) {
      return null;
    }
    throw error;
  }
});

export async function generateMetadata({ params }: ProductPageProps): Promise<Metadata> {
  const product = await loadProduct((await params).slug);
  return product ? { title: product.name, description: product.description } : { title: "Product not found" };
}

export default async function ProductPage({ params }: ProductPageProps) {
  const product = await loadProduct((await params).slug);
  if (!product) notFound();
  const user = await currentSessionUser();
  const stockState = stockStateOf(product.available);

  return (
    <>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <ol>
          <li>
            <Link href="/">Catalog</Link>
          </li>
          <li>
            <Link href={catalogHref({ category: product.category.slug })}>{product.category.name}</Link>
          </li>
          <li aria-current="page">{product.name}</li>
        </ol>
      </nav>

      <article className={styles.product}>
        <div className={styles.media}>
          <Image
            className={styles.image}
            src={product.imageUrl}
            alt={product.name}
            width={800}
            height={600}
            unoptimized
            preload
          />
        </div>

        <div className={styles.details}>
          <p className={styles.category}>{product.category.name}</p>
          <h1 className={styles.name}>{product.name}</h1>
          <p className={styles.price}>{formatPrice(product.priceCents, product.currency)}</p>
          <div className={styles.stock}>
            <StockBadge available={product.available} />
            {stockState === "low_stock" && <span>Order soon — only a few are left.</span>}
            {stockState === "out_of_stock" && <span>We are restocking this item.</span>}
          </div>
          <AddToCart
            productId={product.id}
            productName={product.name}
            available={product.available}
            signedIn={user !== null}
          />
          <p className={styles.description}>{product.description}</p>
          <dl className={styles.facts}>
            <div>
              <dt>SKU</dt>
              <dd>{product.sku}</dd>
            </div>
            <div>
              <dt>Category</dt>
              <dd>
                <Link href={catalogHref({ category: product.category.slug })}>{product.category.name}</Link>
              </dd>
            </div>
          </dl>
          <Link className="button button-secondary" href="/">
            ← Back to the catalog
          </Link>
        </div>
      </article>
    </>
  );
}
