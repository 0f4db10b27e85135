import { describe, expect, it } from "vitest";
import { centsToDollarInput, parseDollarsToCents } from "./money-input.ts";

const cents = (text: string) => {
  const result = parseDollarsToCents(text);
  return result.ok ? result.cents : result.error;
};

describe("parseDollarsToCents", () => {
  it("converts exactly, including amounts where float arithmetic drifts", () => {
    expect(cents("1.15")).toBe(115); // parseFloat("1.15") * 100 === 114.99999999999999
    expect(cents("4.35")).toBe(435); // 434.99999999999994 as a float product
    expect(cents("0.29")).toBe(29);
    expect(cents("19.99")).toBe(1999);
    expect(cents("1234567.89")).toBe(123456789);
  });

  it("accepts whole dollars, one decimal, a trailing dot, a $ sign and thousands separators", () => {
    expect(cents("12")).toBe(1200);
    expect(cents("12.5")).toBe(1250);
    expect(cents("12.")).toBe(1200);
    expect(cents(" $ 44.90 ")).toBe(4490);
    expect(cents("1,299.00")).toBe(129900);
    expect(cents("0.01")).toBe(1);
    expect(cents("0")).toBe(0); // "greater than 0" is product-svc's rule, reported per field
  });

  it("refuses what it cannot convert exactly, with a message for the field", () => {
    expect(cents("")).toBe("Enter a price");
    expect(cents("1.999")).toBe("Use at most two decimal places (cents)");
    expect(cents("-5")).toBe("Price cannot be negative");
    expect(cents("12,34")).toBe("Enter a price like 12.50");
    expect(cents("1e3")).toBe("Enter a price like 12.50");
    expect(cents("abc")).toBe("Enter a price like 12.50");
    expect(cents(".5")).toBe("Enter a price like 12.50");
    expect(cents("9999999999")).toBe("Price is too high");
  });
});

describe("centsToDollarInput", () => {
  it("formats cents for an edit field and round-trips", () => {
    expect(centsToDollarInput(4490)).toBe("44.90");
    expect(centsToDollarInput(5)).toBe("0.05");
    expect(centsToDollarInput(120000)).toBe("1200.00");
    for (const value of [1, 99, 100, 115, 435, 123456789]) {
      expect(cents(centsToDollarInput(value))).toBe(value);
    }
  });
});
