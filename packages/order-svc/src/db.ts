import { PrismaPg } from "@prisma/adapter-pg";
import { createPool } from "@shop/service-kit/db";
import type { Logger } from "@shop/service-kit/log";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = InstanceType<typeof PrismaClient>;

export function createDb(databaseUrl: string, poolMax: number, log?: Logger): Db {
  const pool = createPool(databaseUrl, poolMax, (error) =>
    log?.warn({ err: error }, "database connection lost while in use; the query using it fails"),
  );
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
