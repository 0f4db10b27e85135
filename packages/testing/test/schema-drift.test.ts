import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { schemaDrift } from "../src/schema-drift.ts";
import { createTestDatabase } from "../src/test-db.ts";

const prismaDir = fileURLToPath(new URL("../../../prisma/", import.meta.url));

describe.each(["user", "product", "order", "notify"])("%s service", (service) => {
  it("its migrations build exactly what schema.prisma declares", async () => {
    const db = await createTestDatabase(inject("pgAdminUrl"), `${prismaDir}${service}/migrations`);
    try {
      expect(await schemaDrift(`${prismaDir}${service}/schema.prisma`, db.url)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
