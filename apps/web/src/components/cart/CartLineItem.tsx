"use client";

import Image from "next/image";
import Link from "next/link";
import { formatPrice } from "../../lib/format.ts";
import { MAX_LINE_QUANTITY } from "../../lib/guest-cart.ts";
import styles from "./CartContents.module.css";
import { QuantityStepper } from "./QuantityStepper.tsx";
import { shortageMessage } from "./stock.ts";
import type { CartLine } from "./use-cart.ts";

interface CartLineItemProps {
  line: CartLine;
  busy: boolean;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}

export function CartLineItem({ line, busy, onQuantity, onRemove }: CartLineItemProps) {
  const warning = shortageMessage(line);
  // Never offer more than is in stock, but let a line already above stock be lowered step by step.
  const max = Math.max(1, Math.min(MAX_LINE_QUANTITY, line.available));
  const warningId = `stock-${line.productId}`;

  return (
    <li className={`${styles.line} ${warning ? styles.lineShort : ""}`} aria-busy={busy}>
      <Image className={styles.thumb} src={line.imageUrl} alt="" width={96} height={72} unoptimized />
      <div className={styles.info}>
        <Link className={styles.name} href={`/products/${line.slug}`}>
          {line.name}
        </Link>
        <p className={styles.unit}>{formatPrice(line.unitPriceCents, line.currency)} each</p>
        {warning && (
          <p id={warningId} className={styles.warning}>
            {warning}
          </p>
        )}
      </div>
      <div className={styles.quantity}>
        <QuantityStepper
          value={line.quantity}
          max={max}
          onChange={onQuantity}
          label={`Quantity of ${line.name}`}
          disabled={busy}
          describedBy={warning ? warningId : undefined}
        />
        <button
          type="button"
          className={styles.remove}
          onClick={onRemove}
          disabled={busy}
          aria-label={`Remove ${line.name} from cart`}
        >
          Remove
        </button>
      </div>
      <p className={styles.lineTotal}>
        <span className="visually-hidden">Line total: </span>
        {formatPrice(line.lineTotalCents, line.currency)}
      </p>
    </li>
  );
}
