import { ProductCard, type ProductSummary } from "./ProductCard.tsx";
import styles from "./ProductGrid.module.css";

/** How many cards are treated as above the fold (first row on a wide screen). */
const EAGER_CARDS = 4;

export function ProductGrid({
  products,
  eagerFirstRow = false,
}: {
  products: ProductSummary[];
  eagerFirstRow?: boolean;
}) {
  return (
    <ul className={styles.grid}>
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard product={product} eager={eagerFirstRow && index < EAGER_CARDS} />
        </li>
      ))}
    </ul>
  );
}
