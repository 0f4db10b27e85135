import { describe, expect, it } from "vitest";
import { hasShortage, shortageMessage } from "../cart/stock.ts";
import { describeShortage, outOfStockLines } from "./out-of-stock.ts";

describe("out-of-stock details of a refused order", () => {
  const line = { productId: "p1", name: "Headlamp", requested: 3, available: 1 };

  it("reads the lines from the error's details, ignoring malformed entries", () => {
    expect(outOfStockLines({ code: "CONFLICT", details: { outOfStock: [line, { productId: 7 }] } })).toEqual([
      line,
    ]);
  });

  it("is empty for other failures", () => {
    expect(outOfStockLines({ code: "BAD_REQUEST" })).toEqual([]);
    expect(outOfStockLines(undefined)).toEqual([]);
    expect(outOfStockLines({ details: { outOfStock: "nope" } })).toEqual([]);
  });

  it("says what is left", () => {
    expect(describeShortage(line)).toBe("only 1 left (you asked for 3)");
    expect(describeShortage({ ...line, available: 0 })).toBe("sold out (you asked for 3)");
  });
});

describe("cart line stock", () => {
  const line = { quantity: 3, available: 10, sellable: true };

  it("is fine while enough is in stock", () => {
    expect(shortageMessage(line)).toBeNull();
    expect(hasShortage([line])).toBe(false);
  });

  it("tells the shopper what to change", () => {
    expect(shortageMessage({ ...line, available: 2 })).toBe("Only 2 left — lower the quantity to check out.");
    expect(shortageMessage({ ...line, available: 0 })).toBe("Sold out — remove it to check out.");
    expect(shortageMessage({ ...line, sellable: false })).toBe("No longer sold — remove it to check out.");
    expect(hasShortage([line, { ...line, available: 2 }])).toBe(true);
  });
});
