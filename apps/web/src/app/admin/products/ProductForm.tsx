"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { FormAlert, FormField, formStyles, TextField } from "../../../components/form/FormField.tsx";
import { bffErrorFacts } from "../../../components/form/field-errors.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import styles from "./ProductForm.module.css";
import {
  formFieldOf,
  type ProductFormErrors,
  type ProductFormValues,
  toProductFields,
} from "./product-form-values.ts";

interface ProductFormProps {
  categories: { slug: string; name: string }[];
  initialValues: ProductFormValues;
  /** The store's one currency: every price is in it. */
  storeCurrency: string;
  /** When editing a product still priced in another currency (from before there was one store currency). */
  pricedIn?: string | undefined;
  /** Absent when creating. */
  productId?: string | undefined;
}

/**
 * Create or edit a product. Prices are typed in the store currency's units and converted to integer
 * cents exactly; product-svc's field errors (e.g. a SKU already in use) appear under the field they
 * concern. The units on hand are set here only when creating; afterwards a stock-take in the product
 * table sets them.
 */
export function ProductForm({
  categories,
  initialValues,
  storeCurrency,
  pricedIn,
  productId,
}: ProductFormProps) {
  const router = useRouter();
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<ProductFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const trpc = useTRPC();
  const create = useMutation(trpc.products.create.mutationOptions());
  const update = useMutation(trpc.products.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const editing = productId !== undefined;

  const change = (field: keyof ProductFormValues) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const checked = toProductFields(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusField(checked.errors);
      return;
    }
    setErrors({});
    try {
      const saved = editing
        ? await update.mutateAsync({ id: productId, ...checked.fields })
        : await create.mutateAsync({ ...checked.fields, onHand: checked.onHand });
      router.push(`/admin/products?saved=${saved.id}`);
      router.refresh();
    } catch (error) {
      showServiceError(error);
    }
  }

  function showServiceError(error: unknown) {
    const facts = bffErrorFacts(error);
    const fieldErrors: ProductFormErrors = {};
    const unplaced: string[] = [];
    for (const [serviceField, message] of Object.entries(facts.fieldErrors)) {
      const field = formFieldOf(serviceField);
      if (field) fieldErrors[field] = message;
      else unplaced.push(message);
    }
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0) focusField(fieldErrors);
    if (unplaced.length > 0) setFormError(unplaced.join(" "));
    else if (Object.keys(fieldErrors).length === 0) {
      setFormError(
        facts.code === "UNAUTHORIZED" || facts.code === "FORBIDDEN"
          ? "Your session no longer has admin rights. Sign in again as an admin."
          : facts.code === "NOT_FOUND"
            ? "This product no longer exists."
            : "Saving failed. Please try again.",
      );
    } else {
      setFormError("Please correct the highlighted fields.");
    }
  }

  return (
    <form className={formStyles.form} onSubmit={submit} noValidate aria-describedby="product-form-note">
      <p id="product-form-note" className={formStyles.hint}>
        All fields are required unless marked optional.
      </p>
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField
        id="product-name"
        label="Name"
        value={values.name}
        onChange={change("name")}
        error={errors.name}
        maxLength={120}
      />
      <div className={styles.pair}>
        <TextField
          id="product-sku"
          label="SKU"
          value={values.sku}
          onChange={change("sku")}
          error={errors.sku}
          hint="3–32 letters, digits or hyphens; stored in capitals."
          autoCapitalize="characters"
          spellCheck={false}
        />
        <TextField
          id="product-slug"
          label="URL slug"
          optional
          value={values.slug}
          onChange={change("slug")}
          error={errors.slug}
          hint={
            editing ? "Changing it changes the product page's address." : "Made from the name when empty."
          }
          spellCheck={false}
        />
      </div>
      <TextField
        id="product-price"
        label="Price"
        inputMode="decimal"
        value={values.price}
        onChange={change("price")}
        error={errors.price}
        hint={
          pricedIn && pricedIn !== storeCurrency
            ? `Now priced in ${pricedIn}. The store sells in ${storeCurrency}: saving sets this price in ${storeCurrency}.`
            : `In ${storeCurrency}, the store's currency, e.g. 44.90`
        }
        autoComplete="off"
      />
      <div className={styles.pair}>
        <FormField id="product-categorySlug" label="Category" error={errors.categorySlug}>
          {(control) => (
            <select {...control} value={values.categorySlug} onChange={change("categorySlug")}>
              <option value="">Choose a category…</option>
              {categories.map((category) => (
                <option key={category.slug} value={category.slug}>
                  {category.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {editing ? (
          <p className={`${formStyles.hint} ${styles.stockNote}`}>
            On hand ({values.onHand}) is set by a stock-take in the product table.
          </p>
        ) : (
          <TextField
            id="product-onHand"
            label="On hand"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={values.onHand}
            onChange={change("onHand")}
            error={errors.onHand}
            hint="Units on the shelf"
          />
        )}
      </div>
      <TextField
        id="product-imageUrl"
        label="Image URL"
        optional
        value={values.imageUrl}
        onChange={change("imageUrl")}
        error={errors.imageUrl}
        hint="A /path on this site or an https:// address. A placeholder is used when empty."
        spellCheck={false}
      />
      <FormField id="product-description" label="Description" error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            value={values.description}
            onChange={change("description")}
            rows={5}
            maxLength={5000}
          />
        )}
      </FormField>
      <div className={formStyles.actions}>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save changes" : "Create product"}
        </button>
        <Link className="button button-secondary" href="/admin/products">
          Cancel
        </Link>
      </div>
    </form>
  );
}

const FIELD_ORDER: (keyof ProductFormValues)[] = [
  "name",
  "sku",
  "slug",
  "price",
  "categorySlug",
  "onHand",
  "imageUrl",
  "description",
];

/** Moves focus to the first field with an error, in the order the form shows them. */
function focusField(errors: ProductFormErrors) {
  const first = FIELD_ORDER.find((field) => errors[field]);
  if (first) document.getElementById(`product-${first}`)?.focus();
}
