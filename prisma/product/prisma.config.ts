// Prisma CLI config for the product service. Where Prisma's native engine is available,
// `prisma migrate deploy --config prisma/product/prisma.config.ts` applies the same migrations that
// @shop/service-kit/migrate applies at service start-up (it records them in _prisma_migrations too).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "./schema.prisma",
  migrations: { path: "./migrations" },
  // env() would throw when the variable is unset, which breaks `prisma generate` on a fresh clone.
  datasource: { url: process.env.DATABASE_URL_PRODUCT ?? "" },
});
