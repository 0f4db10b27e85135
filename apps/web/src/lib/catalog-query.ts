import type { BffInputs } from "../server/trpc/router.ts";

export type ProductListInput = BffInputs["products"]["list"];
export type ProductSort = NonNullable<ProductListInput["sort"]>;

/** Labels for every sort the service offers; keyed by its type, so a new sort fails to compile here. */
export const SORT_LABELS: Record<ProductSort, string> = {
  relevance: "Best match",
  newest: "Newest",
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
  name: "Name: A to Z",
};

export const CATALOG_PAGE_SIZE = 12;

/** What the catalog page's URL says: `?q=…&category=…&sort=…`. */
export interface CatalogQuery {
  q?: string | undefined;
  category?: string | undefined;
  sort?: ProductSort | undefined;
}

type RawSearchParams = Record<string, string | string[] | undefined>;

function firstValue(raw: RawSearchParams, key: string): string | undefined {
  const value = raw[key];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

function isSort(value: string | undefined): value is ProductSort {
  return value !== undefined && Object.hasOwn(SORT_LABELS, value);
}

/**
 * Reads the catalog query from the URL. Only what the UI cannot offer is dropped (an unknown sort,
 * "best match" without search text); everything else is left for the service to validate.
 */
export function catalogQueryFrom(raw: RawSearchParams): CatalogQuery {
  const q = firstValue(raw, "q");
  const sortParam = firstValue(raw, "sort");
  const sort = isSort(sortParam) && (sortParam !== "relevance" || q) ? sortParam : undefined;
  return { q, category: firstValue(raw, "category"), sort };
}

/** The catalog URL for a query, omitting empty parts so links stay short and shareable. */
export function catalogHref(query: CatalogQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.category) params.set("category", query.category);
  if (query.sort) params.set("sort", query.sort);
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

export function listInputFor(query: CatalogQuery): ProductListInput {
  return { q: query.q, category: query.category, sort: query.sort, limit: CATALOG_PAGE_SIZE };
}
