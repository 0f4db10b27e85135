import { describe, expect, it } from "vitest";
import { overTheLimit, sameLines, sumLines } from "./order-lines.ts";

const A = "a";
const B = "b";

describe("order lines", () => {
  it("sums lines of one product, keeping first-seen order", () => {
    expect(
      sumLines([
        { productId: B, quantity: 1 },
        { productId: A, quantity: 2 },
        { productId: B, quantity: 3 },
      ]),
    ).toEqual([
      { productId: B, quantity: 4 },
      { productId: A, quantity: 2 },
    ]);
  });

  it("caps one product per order over all its lines, not per line", () => {
    const fifty = Array.from({ length: 50 }, () => ({ productId: A, quantity: 99 }));
    expect(overTheLimit(fifty)).toEqual([{ productId: A, quantity: 4950 }]);
    expect(overTheLimit([{ productId: A, quantity: 99 }])).toEqual([]);
    expect(
      overTheLimit([
        { productId: A, quantity: 50 },
        { productId: A, quantity: 50 },
      ]),
    ).toHaveLength(1);
  });

  it("compares what is ordered, not how the lines are split", () => {
    expect(
      sameLines(
        [{ productId: A, quantity: 2 }],
        [
          { productId: A, quantity: 1 },
          { productId: A, quantity: 1 },
        ],
      ),
    ).toBe(true);
    expect(sameLines([{ productId: A, quantity: 2 }], [{ productId: A, quantity: 3 }])).toBe(false);
  });
});
