import { PrismaPg } from "@prisma/adapter-pg";
import { poolConfig } from "@shop/service-kit/db";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = InstanceType<typeof PrismaClient>;

export function createDb(databaseUrl: string, poolMax: number): Db {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(databaseUrl, poolMax)) });
}
