import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db.ts";
import type { AppRouter } from "../src/router/index.ts";
import { type ProductService, startProductService } from "./product-service.ts";

let service: ProductService;
let db: Db;
let svc: ProductService["svc"];

beforeAll(async () => {
  service = await startProductService();
  ({ db, svc } = service);
});
afterAll(() => service?.close());

const admin = () => svc.as(callers.admin).products;
const failure = (p: Promise<unknown>) => p.then(() => null).catch((e: TRPCClientError<AppRouter>) => e);
const lantern = {
  name: "Camping Lantern",
  sku: " out-lan-1 ",
  description: "A warm LED lantern for the tent.",
  priceCents: 3490,
  categorySlug: "outdoor",
  onHand: 12,
};

describe("admin catalog writes", () => {
  it("creates a product with an uppercased SKU and a derived slug, visible to search", async () => {
    const created = await admin().create.mutate(lantern);
    expect(created.sku).toBe("OUT-LAN-1");
    expect(created.slug).toBe("camping-lantern");
    const found = await svc.as(callers.guest).products.list.query({ q: "lantern" });
    expect(found.items.map((p) => p.id)).toContain(created.id);
  });

  it("refuses a duplicate SKU with CONFLICT on the sku field", async () => {
    const error = await failure(
      admin().create.mutate({ ...lantern, name: "Another Lantern", sku: "OUT-LAN-1" }),
    );
    expect(error?.data?.code).toBe("CONFLICT");
    expect(error?.data?.fieldErrors).toEqual({ sku: ["Another product already uses this SKU"] });
  });

  it("validates every field with a message", async () => {
    const error = await failure(
      admin().create.mutate({
        ...lantern,
        name: "X",
        sku: "!",
        priceCents: 0,
        onHand: -1,
        categorySlug: "Bad Slug",
      }),
    );
    expect(error?.data?.code).toBe("BAD_REQUEST");
    expect(Object.keys(error?.data?.fieldErrors ?? {}).sort()).toEqual([
      "categorySlug",
      "name",
      "onHand",
      "priceCents",
      "sku",
    ]);
    expect(error?.data?.fieldErrors?.priceCents).toEqual(["Price must be greater than 0"]);
    expect(error?.data?.fieldErrors?.onHand).toEqual(["On hand cannot be negative"]);
  });

  it("rejects an unknown category as a field error", async () => {
    const error = await failure(
      admin().create.mutate({ ...lantern, sku: "OUT-LAN-2", name: "Lantern 2", categorySlug: "toys" }),
    );
    expect(error?.data?.fieldErrors).toEqual({ categorySlug: ["Choose an existing category"] });
  });

  it("updates price and category, archives and restores, takes stock", async () => {
    const product = await db.product.findUniqueOrThrow({ where: { sku: "OUT-LAN-1" } });
    const updated = await admin().update.mutate({ id: product.id, priceCents: 2990, categorySlug: "home" });
    expect([updated.priceCents, updated.category.slug]).toEqual([2990, "home"]);

    await admin().archive.mutate({ id: product.id });
    const hidden = await svc.as(callers.guest).products.list.query({ q: "lantern" });
    expect(hidden.items.map((p) => p.id)).not.toContain(product.id);
    const bySlug = await failure(svc.as(callers.guest).products.bySlug.query({ slug: "camping-lantern" }));
    expect(bySlug?.data?.code).toBe("NOT_FOUND");
    const adminView = await admin().list.query({ q: "lantern", includeArchived: true });
    expect(adminView.items.find((p) => p.id === product.id)?.archivedAt).toBeInstanceOf(Date);

    await admin().archive.mutate({ id: product.id, archived: false });
    const counted = await admin().setStock.mutate({ id: product.id, onHand: 0 });
    expect([counted.available, counted.stockLevels]).toEqual([0, { onHand: 0, reserved: 0 }]);
    expect((await svc.as(callers.guest).products.bySlug.query({ slug: "camping-lantern" })).available).toBe(
      0,
    );
  });

  it("404s writes to unknown products", async () => {
    const error = await failure(
      admin().setStock.mutate({ id: "00000000-0000-4000-8000-00000000beef", onHand: 3 }),
    );
    expect(error?.data?.code).toBe("NOT_FOUND");
  });

  it("is admin-only", async () => {
    for (const caller of [callers.guest, callers.shopper, callers.service]) {
      const error = await failure(svc.as(caller).products.create.mutate({ ...lantern, sku: "OUT-NOPE" }));
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(error?.data?.code);
      const archived = await failure(svc.as(caller).products.list.query({ includeArchived: true }));
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(archived?.data?.code);
    }
    expect(await db.product.count({ where: { sku: "OUT-NOPE" } })).toBe(0);
  });
});
