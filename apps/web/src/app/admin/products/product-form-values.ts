import { centsToDollarInput, parseDollarsToCents } from "../../../lib/money-input.ts";

/**
 * The product form's fields as typed (strings), and their conversion to product-svc's input. Prices
 * are always in the store's one currency (product-svc applies it), so the form has no currency field.
 */
export interface ProductFormValues {
  name: string;
  sku: string;
  slug: string;
  categorySlug: string;
  price: string;
  onHand: string;
  imageUrl: string;
  description: string;
}

export type ProductFormErrors = Partial<Record<keyof ProductFormValues, string>>;

export const EMPTY_PRODUCT: ProductFormValues = {
  name: "",
  sku: "",
  slug: "",
  categorySlug: "",
  price: "",
  onHand: "0",
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
  stockLevels: { onHand: number } | null;
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
    onHand: String(product.stockLevels?.onHand ?? 0),
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
  imageUrl?: string;
  description: string;
}

/**
 * Checks what can be checked here (required fields, the price's format, a whole on-hand count) and
 * converts. Everything else — SKU format, uniqueness, lengths — is product-svc's to judge.
 */
export function toProductFields(
  values: ProductFormValues,
): { ok: true; fields: ProductFields; onHand: number } | { ok: false; errors: ProductFormErrors } {
  const errors: ProductFormErrors = {};
  if (!values.name.trim()) errors.name = "Enter a name";
  if (!values.sku.trim()) errors.sku = "Enter a SKU";
  if (!values.categorySlug) errors.categorySlug = "Choose a category";
  if (!values.description.trim()) errors.description = "Enter a description";
  const price = parseDollarsToCents(values.price);
  if (!price.ok) errors.price = price.error;
  const onHandText = values.onHand.trim();
  if (!/^\d+$/.test(onHandText)) errors.onHand = "Enter a whole number, 0 or more";
  if (!price.ok || Object.keys(errors).length > 0) return { ok: false, errors };

  const fields: ProductFields = {
    name: values.name.trim(),
    sku: values.sku.trim(),
    categorySlug: values.categorySlug,
    priceCents: price.cents,
    description: values.description.trim(),
  };
  // Left empty, these take product-svc's defaults (slug from the name, the placeholder image).
  if (values.slug.trim()) fields.slug = values.slug.trim();
  if (values.imageUrl.trim()) fields.imageUrl = values.imageUrl.trim();
  return { ok: true, fields, onHand: Number(onHandText) };
}
