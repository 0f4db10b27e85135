import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN, newShopper, signIn, signUp, uniqueSuffix } from "./support/accounts.ts";
import { addToCart, bffMutation, cartLink, checkOut, createProduct, test } from "./support/commerce.ts";

/*
 * Stock as shoppers and the admin meet it: the cart never holds more than can be bought, an order
 * holds its units (reserved) until it ships or is cancelled, and a stock-take sets what is on the
 * shelf. The product is this test's own (so playwright.config.ts runs this file with the catalog
 * writers), and it is archived at the end.
 */
test.describe.configure({ timeout: 90_000 });

async function requestQuantity(page: Page, quantity: number) {
  const input = page.getByRole("spinbutton", { name: "Quantity" });
  await input.fill(String(quantity));
  await input.press("Enter");
  await page.getByRole("button", { name: "Add to cart" }).click();
}

const refusal = (page: Page) => page.getByRole("alert").filter({ hasText: "Could not add" });

test("the cart caps at what can be bought; an order reserves it; a stock-take sets on hand only", async ({
  newClient,
}) => {
  const admin = await newClient();
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  const product = await createProduct(admin.request, {
    name: `Limited Lantern ${uniqueSuffix()}`,
    priceCents: 1500,
    onHand: 5,
  });

  try {
    // A guest: the cart in the browser follows the same caps (order-svc applies them).
    const guest = await newClient();
    await addToCart(guest, product.slug, 5);
    await expect(guest.getByText("5 already in your cart — that is all you can add.")).toBeVisible();
    await guest.getByRole("button", { name: "Add to cart" }).click();
    await expect(refusal(guest)).toHaveText(
      "Could not add this to your cart: You already have 5 in your cart — that is all we have.",
    );
    await expect(cartLink(guest)).toHaveAccessibleName("Cart, 5 items");

    // A shopper with two tabs: the first was opened before the second added 3.
    const tabA = await newClient();
    await signUp(tabA, newShopper("Two Tabs"));
    await tabA.goto(`/products/${product.slug}`);
    const tabB = await tabA.context().newPage();
    await addToCart(tabB, product.slug, 3);
    await expect(tabB.getByText("3 already in your cart.")).toBeVisible();
    // Tab A does not know: it asks for 5 and is given the 2 that are left, with the reason.
    await requestQuantity(tabA, 5);
    await expect(
      tabA.getByText("Added 2 to your cart. Only 2 more available — you already have 3 in your cart."),
    ).toBeVisible();
    await expect(tabA.getByText("5 already in your cart — that is all you can add.")).toBeVisible();

    // Ordering reserves the 5: on hand stays 5, nothing is available any more.
    await checkOut(tabA);
    await admin.goto(`/admin/products?q=${encodeURIComponent(product.name)}`);
    const row = admin.getByRole("row").filter({ hasText: product.name });
    await expect(row.getByLabel(`On hand for ${product.name}`)).toHaveValue("5");
    await expect(row.locator('[data-column="reserved"]')).toHaveText("5");
    await expect(row.locator('[data-column="available"]')).toHaveText("0");

    // A stock-take below what the open order holds is refused; counting 8 makes 3 available.
    await row.getByLabel(`On hand for ${product.name}`).fill("4");
    await row.getByRole("button", { name: `Save on hand for ${product.name}` }).click();
    await expect(row.getByRole("alert")).toHaveText(
      "5 units are held for orders that have not shipped, so on hand cannot be less than 5",
    );
    await row.getByLabel(`On hand for ${product.name}`).fill("8");
    await row.getByRole("button", { name: `Save on hand for ${product.name}` }).click();
    await expect(row.getByRole("status")).toHaveText("Saved");
    await expect(row.locator('[data-column="available"]')).toHaveText("3");
    await guest.goto(`/products/${product.slug}`);
    await expect(guest.getByText("Only 3 left")).toBeVisible();
  } finally {
    await bffMutation(admin.request, "products.archive", { id: product.id });
  }
});
