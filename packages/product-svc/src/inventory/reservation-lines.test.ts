import { describe, expect, it } from "vitest";
import { describeShortages, mergeLines } from "./reservation-lines.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

describe("mergeLines", () => {
  it("sums duplicate products and sorts by id", () => {
    expect(
      mergeLines([
        { productId: B, quantity: 1 },
        { productId: A, quantity: 2 },
        { productId: B, quantity: 3 },
      ]),
    ).toEqual([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 4 },
    ]);
  });
  it("keeps an empty order empty", () => {
    expect(mergeLines([])).toEqual([]);
  });
});

describe("describeShortages", () => {
  it("names each product with what is left", () => {
    expect(
      describeShortages([
        { productId: A, name: "Headlamp", requested: 3, available: 2 },
        { productId: B, name: "Tent", requested: 1, available: 0 },
      ]),
    ).toBe("Not enough stock: Headlamp (2 left, 3 requested); Tent (sold out).");
  });
});
