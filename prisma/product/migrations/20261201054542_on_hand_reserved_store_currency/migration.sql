-- On hand and reserved become two counters (available = on_hand - reserved), reservation states say
-- what they mean, and the store gets one currency. Safe on a database with data: nothing is deleted
-- and no price is changed.

-- 1. Stock. Until now `stock` was what could still be bought: the shelf count minus every unit held
--    by a reservation that was not released. Those held units become `reserved` and go back into
--    the shelf count, so on_hand - reserved (what can be bought) is exactly the old `stock`.
--    Orders that had already shipped still hold their units here; order-svc's migration of the same
--    change queues a "shipped" call for each of them, which takes them out of both counters.
ALTER TABLE "products" RENAME COLUMN "stock" TO "on_hand";
ALTER TABLE "products" RENAME CONSTRAINT "products_stock_not_negative" TO "products_on_hand_not_negative";
ALTER TABLE "products" ADD COLUMN "reserved" INTEGER NOT NULL DEFAULT 0;

UPDATE "products" AS p
SET "reserved" = held.quantity, "on_hand" = p."on_hand" + held.quantity
FROM (
    SELECT i."product_id", sum(i."quantity")::int AS quantity
    FROM "stock_reservation_items" i
    JOIN "stock_reservations" r ON r."order_id" = i."order_id"
    WHERE r."status" <> 'RELEASED'
    GROUP BY i."product_id"
) AS held
WHERE p."id" = held."product_id";

-- What can be bought never goes below zero, whichever code path writes.
ALTER TABLE "products"
    ADD CONSTRAINT "products_reserved_not_negative" CHECK ("reserved" >= 0),
    ADD CONSTRAINT "products_reserved_within_on_hand" CHECK ("reserved" <= "on_hand");

-- 2. Reservation states. RESERVED and COMMITTED keep their rows under names that say what they mean;
--    SHIPPED is new (the order left the warehouse: its units left on_hand and reserved).
ALTER TYPE "ReservationStatus" RENAME VALUE 'RESERVED' TO 'AWAITING_ORDER';
ALTER TYPE "ReservationStatus" RENAME VALUE 'COMMITTED' TO 'ORDER_PLACED';
ALTER TYPE "ReservationStatus" ADD VALUE 'SHIPPED' BEFORE 'RELEASED';

-- 3. One store currency. A catalog with products already on sale keeps the currency most of them are
--    priced in (product-svc then refuses to start if STORE_CURRENCY names another one, rather than
--    relabelling prices); an empty catalog gets STORE_CURRENCY at the first start.
CREATE TABLE "store_settings" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "currency" CHAR(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "store_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "store_settings_single_row" CHECK ("id"),
    CONSTRAINT "store_settings_currency_code" CHECK ("currency" ~ '^[A-Z]{3}$')
);

INSERT INTO "store_settings" ("id", "currency")
SELECT true, "currency"
FROM "products"
WHERE "archived_at" IS NULL
GROUP BY "currency"
ORDER BY count(*) DESC, "currency"
LIMIT 1;

-- Products on sale in any other currency leave the storefront: archived, not re-priced (there is no
-- exchange rate to apply). They stay readable by id for carts and order history; an admin gives
-- them a price in the store currency and restores them.
UPDATE "products"
SET "archived_at" = CURRENT_TIMESTAMP, "updated_at" = CURRENT_TIMESTAMP
WHERE "archived_at" IS NULL
  AND "currency" <> (SELECT "currency" FROM "store_settings");
