-- Inventory calls owed to product-svc are now releases or shipments (product-svc keeps on hand and
-- reserved apart, and a shipment takes units out of both). Safe on a database with data: the queued
-- releases stay queued.
CREATE TYPE "InventoryAction" AS ENUM ('RELEASE', 'SHIP');

ALTER TABLE "pending_inventory_releases" RENAME TO "pending_inventory_updates";
ALTER TABLE "pending_inventory_updates" RENAME CONSTRAINT "pending_inventory_releases_pkey" TO "pending_inventory_updates_pkey";
ALTER TABLE "pending_inventory_updates" ADD COLUMN "action" "InventoryAction" NOT NULL DEFAULT 'RELEASE';
ALTER TABLE "pending_inventory_updates" ALTER COLUMN "action" DROP DEFAULT;
ALTER TABLE "pending_inventory_updates"
    DROP CONSTRAINT "pending_inventory_updates_pkey",
    ADD CONSTRAINT "pending_inventory_updates_pkey" PRIMARY KEY ("order_id", "action");

-- Orders that shipped before this change still hold their units in product-svc's `reserved` (its
-- migration of the same change moved every unreleased reservation there): tell it they shipped.
INSERT INTO "pending_inventory_updates" ("order_id", "action", "reason")
SELECT "id", 'SHIP', 'shipped before on hand and reserved were kept apart'
FROM "orders"
WHERE "status" IN ('SHIPPED', 'DELIVERED')
ON CONFLICT DO NOTHING;

-- CreateTable
CREATE TABLE "abandoned_checkouts" (
    "order_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "abandoned_checkouts_pkey" PRIMARY KEY ("order_id")
);

-- A shopper's PENDING orders are counted at every checkout (the cap on open orders).
CREATE INDEX "orders_user_id_status_idx" ON "orders"("user_id", "status");
