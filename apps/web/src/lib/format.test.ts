import { describe, expect, it } from "vitest";
import { formatPrice, stockLabel, stockStateOf } from "./format.ts";

describe("formatPrice", () => {
  it("formats integer cents in the currency's minor unit", () => {
    expect(formatPrice(4490, "USD")).toBe("$44.90");
    expect(formatPrice(0, "USD")).toBe("$0.00");
    expect(formatPrice(123456789, "USD")).toBe("$1,234,567.89");
  });

  it("respects currencies without minor units", () => {
    expect(formatPrice(1200, "JPY")).toBe("¥1,200");
  });
});

describe("stock state", () => {
  it.each([
    [0, "out_of_stock", "Out of stock"],
    [5, "low_stock", "Only 5 left"],
    [10, "low_stock", "Only 10 left"],
    [11, "in_stock", "In stock"],
  ] as const)("%i units → %s", (stock, state, label) => {
    expect(stockStateOf(stock)).toBe(state);
    expect(stockLabel(stock)).toBe(label);
  });
});
