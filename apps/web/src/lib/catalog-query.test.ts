import { describe, expect, it } from "vitest";
import { CATALOG_PAGE_SIZE, catalogHref, catalogQueryFrom, listInputFor } from "./catalog-query.ts";

describe("catalogQueryFrom", () => {
  it("reads trimmed search text, category and sort", () => {
    expect(catalogQueryFrom({ q: "  knife ", category: "kitchen", sort: "price_asc" })).toEqual({
      q: "knife",
      category: "kitchen",
      sort: "price_asc",
    });
  });

  it("treats empty values as absent and takes the first of repeated parameters", () => {
    expect(catalogQueryFrom({ q: "", category: ["audio", "home"], sort: "" })).toEqual({
      q: undefined,
      category: "audio",
      sort: undefined,
    });
  });

  it("drops sorts the UI cannot honour", () => {
    expect(catalogQueryFrom({ sort: "cheapest" }).sort).toBeUndefined();
    // Ranking by relevance needs search text; the service would refuse it.
    expect(catalogQueryFrom({ sort: "relevance" }).sort).toBeUndefined();
    expect(catalogQueryFrom({ q: "lamp", sort: "relevance" }).sort).toBe("relevance");
  });

  it("leaves validation of values to the service", () => {
    expect(catalogQueryFrom({ category: "Not A Slug" }).category).toBe("Not A Slug");
  });
});

describe("catalogHref", () => {
  it("omits empty parts", () => {
    expect(catalogHref({})).toBe("/");
    expect(catalogHref({ category: "home" })).toBe("/?category=home");
    expect(catalogHref({ q: "wool & linen", sort: "name" })).toBe("/?q=wool+%26+linen&sort=name");
  });
});

describe("listInputFor", () => {
  it("asks for one page of the catalog", () => {
    expect(listInputFor({ q: "mug" })).toEqual({
      q: "mug",
      category: undefined,
      sort: undefined,
      limit: CATALOG_PAGE_SIZE,
    });
  });
});
