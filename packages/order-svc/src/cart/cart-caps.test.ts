import { describe, expect, it } from "vitest";
import { capAddition } from "./cart-caps.ts";

describe("capAddition", () => {
  it("adds everything while it fits", () => {
    expect(capAddition({ requested: 2, inCart: 1, available: 5 })).toEqual({
      added: 2,
      inCart: 3,
      message: null,
    });
  });

  it("caps at what is available minus what is already in the cart, and says so", () => {
    expect(capAddition({ requested: 5, inCart: 3, available: 5 })).toEqual({
      added: 2,
      inCart: 5,
      message: "Only 2 more available — you already have 3 in your cart.",
    });
    expect(capAddition({ requested: 5, inCart: 0, available: 2 })).toEqual({
      added: 2,
      inCart: 2,
      message: "Only 2 available.",
    });
  });

  it("adds nothing once the cart holds all there is", () => {
    expect(capAddition({ requested: 5, inCart: 5, available: 5 })).toEqual({
      added: 0,
      inCart: 5,
      message: "You already have 5 in your cart — that is all we have.",
    });
    expect(capAddition({ requested: 1, inCart: 0, available: 0 }).message).toBe(
      "Sorry, this product is sold out.",
    );
    expect(capAddition({ requested: 1, inCart: 4, available: 2 })).toMatchObject({ added: 0, inCart: 4 });
  });

  it("caps at one order's worth (99) when more than that is in stock", () => {
    expect(capAddition({ requested: 10, inCart: 95, available: 500 })).toEqual({
      added: 4,
      inCart: 99,
      message: "Only 4 more fit in one order (at most 99 of a product) — you already have 95 in your cart.",
    });
    expect(capAddition({ requested: 1, inCart: 99, available: 500 }).message).toBe(
      "You already have 99 in your cart, the most one order can hold.",
    );
  });
});
