import { fileURLToPath } from "node:url";
import { startTestService, type TestService } from "@shop/testing/service";
import { createTestDatabase } from "@shop/testing/test-db";
import { inject } from "vitest";
import { createDb, type Db } from "../src/db.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";
import { seedCatalog } from "../src/seed/seed-catalog.ts";
import { ensureStoreCurrency } from "../src/store/currency.ts";

export const migrationsDir = fileURLToPath(new URL("../../../prisma/product/migrations", import.meta.url));
export const STORE_CURRENCY = "USD";

export interface ProductService {
  db: Db;
  svc: TestService<AppRouter>;
  close(): Promise<void>;
}

/** product-svc over real HTTP on a fresh, migrated database; seeded with the demo catalog unless told not to. */
export async function startProductService(
  opts: { seed?: boolean; poolMax?: number } = {},
): Promise<ProductService> {
  const database = await createTestDatabase(inject("pgAdminUrl"), migrationsDir);
  const db = createDb(database.url, opts.poolMax ?? 4);
  const storeCurrency = await ensureStoreCurrency(db, STORE_CURRENCY);
  if (opts.seed ?? true) await seedCatalog(db, storeCurrency);
  const svc = await startTestService({ name: "product-svc", router: appRouter, deps: { db, storeCurrency } });
  return {
    db,
    svc,
    async close() {
      await svc.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
