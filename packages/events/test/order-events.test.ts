import { describe, expect, it } from "vitest";
import { orderEventSamples } from "../src/fixtures.ts";
import { orderEventSchema } from "../src/order-events.ts";

const created = orderEventSamples["order.created@1"];
const statusV1 = orderEventSamples["order.status.updated@1"];
const statusV2 = orderEventSamples["order.status.updated@2"];

describe("order event schemas", () => {
  it("accept a well-formed order.created v1", () => {
    expect(orderEventSchema.parse(created).type).toBe("order.created");
  });

  it("accept v1 and v2 of order.status.updated side by side, each as itself", () => {
    expect(orderEventSchema.parse(statusV1)).toEqual(statusV1);
    expect(orderEventSchema.parse(statusV2)).toEqual(statusV2);
  });

  it("route on type, then version: a v1 body labelled v2 is refused on v2's fields", () => {
    const mislabelled = orderEventSchema.safeParse({ ...statusV1, version: 2 });
    expect(mislabelled.success).toBe(false);
    expect(mislabelled.error?.issues.map((i) => i.path.join("."))).toContain("order");
    const unknownVersion = orderEventSchema.safeParse({ ...statusV2, version: 3 });
    expect(unknownVersion.error?.issues[0]?.path).toEqual(["version"]);
  });

  it("reject a blank recipient, an unknown version and an unknown type", () => {
    expect(orderEventSchema.safeParse({ ...created, order: { ...created.order, email: "" } }).success).toBe(
      false,
    );
    expect(orderEventSchema.safeParse({ ...created, version: 2 }).success).toBe(false);
    expect(orderEventSchema.safeParse({ ...created, type: "order.exploded" }).success).toBe(false);
    expect(orderEventSchema.safeParse({ ...statusV2, changedBy: { id: "x", role: "ROBOT" } }).success).toBe(
      false,
    );
  });

  it("reject fractional money", () => {
    const bad = { ...created, order: { ...created.order, subtotalCents: 19.99 } };
    expect(orderEventSchema.safeParse(bad).success).toBe(false);
  });
});
