import { centsToDollarInput, parseDollarsToCents } from "../../../lib/money-input.ts";

/** The product form's fields as typed (strings), and their conversion to product-svc's input. */
export interface ProductFormValues {
  name: string;
  sku: string;
  slug: string;
  categorySlug: string;
  price: string;
  currency: string;
  stock: string;
  imageUrl: string;
  description: string;
}

export type ProductFormErrors = Partial<Record<keyof ProductFormValues, string>>;

/** Currencies with two minor digits, which is what the dollars-and-cents price field assumes. */
export const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD"] as const;

export const EMPTY_PRODUCT: ProductFormValues = {
  name: "",
  sku: "",
  slug: "",
  categorySlug: "",
  price: "",
  currency: "USD",
  stock: "0",
  imageUrl: "",
  description: "",
};

export interface EditableProduct {
  name: string;
  sku: string;
  slug: string;
  category: { slug: string };
  priceCents: number;
  currency: string;
  stock: number;
  imageUrl: string;
  description: string;
}

export function valuesFromProduct(product: EditableProduct): ProductFormValues {
  return {
    name: product.name,
    sku: product.sku,
    slug: product.slug,
    categorySlug: product.category.slug,
    price: centsToDollarInput(product.priceCents),
    currency: product.currency,
    stock: String(product.stock),
    imageUrl: product.imageUrl,
    description: product.description,
  };
}

/** product-svc's field names → this form's (only the price differs: cents there, dollars here). */
export function formFieldOf(serviceField: string): keyof ProductFormValues | undefined {
  if (serviceField === "priceCents") return "price";
  return serviceField in EMPTY_PRODUCT ? (serviceField as keyof ProductFormValues) : undefined;
}

export interface ProductFields {
  name: string;
  sku: string;
  slug?: string;
  categorySlug: string;
  priceCents: number;
  currency: string;
  imageUrl?: string;
  description: string;
}

/**
 * Checks what can be checked here (required fields, the price's format, a whole stock number) and
 * converts. Everything else — SKU format, uniqueness, lengths — is product-svc's to judge.
 */
export function toProductFields(
  values: ProductFormValues,
): { ok: true; fields: ProductFields; stock: number } | { ok: false; errors: ProductFormErrors } {
  const errors: ProductFormErrors = {};
  if (!values.name.trim()) errors.name = "Enter a name";
  if (!values.sku.trim()) errors.sku = "Enter a SKU";
  if (!values.categorySlug) errors.categorySlug = "Choose a category";
  if (!values.description.trim()) errors.description = "Enter a description";
  const price = parseDollarsToCents(values.price);
  if (!price.ok) errors.price = price.error;
  const stockText = values.stock.trim();
  if (!/^\d+$/.test(stockText)) errors.stock = "Enter a whole number, 0 or more";
  if (!price.ok || Object.keys(errors).length > 0) return { ok: false, errors };

  const fields: ProductFields = {
    name: values.name.trim(),
    sku: values.sku.trim(),
    categorySlug: values.categorySlug,
    priceCents: price.cents,
    currency: values.currency,
    description: values.description.trim(),
  };
  // Left empty, these take product-svc's defaults (slug from the name, the placeholder image).
  if (values.slug.trim()) fields.slug = values.slug.trim();
  if (values.imageUrl.trim()) fields.imageUrl = values.imageUrl.trim();
  return { ok: true, fields, stock: Number(stockText) };
}
