import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN, newShopper, signIn, signUp, uniqueClientIp, uniqueSuffix } from "./support/accounts.ts";

/*
 * These tests add products to the shared catalog, so playwright.config.ts runs this file after the
 * others (whose counts assume the seeded 30 products), and each test archives what it created.
 */
test.use({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });

const productRow = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

function newProduct() {
  const suffix = uniqueSuffix().toUpperCase();
  return { name: `Lantern ${suffix}`, sku: `E2E-${suffix}`.slice(0, 32) };
}

async function createProduct(page: Page, product: { name: string; sku: string }, price: string) {
  await page.goto("/admin/products/new");
  await page.getByLabel("Name").fill(product.name);
  await page.getByLabel("SKU").fill(product.sku);
  await page.getByLabel("Price").fill(price);
  await page.getByLabel("Category").selectOption({ label: "Outdoor" });
  await page.getByLabel("On hand").fill("7");
  await page.getByLabel("Description").fill("A warm, dimmable camping lantern made for end-to-end tests.");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(/\/admin\/products\?saved=/);
  await expect(page.getByRole("status")).toHaveText(`Saved “${product.name}”.`);
}

async function storefrontSearch(browser: Browser, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test("an admin creates a product that shoppers can then find; shoppers cannot open the admin", async ({
  page,
  browser,
}) => {
  const product = newProduct();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/products");
  await expect(page).toHaveURL("/admin/products");
  await page.getByRole("link", { name: "New product" }).click();
  await expect(page.getByRole("heading", { name: "New product" })).toBeVisible();

  // The browser's own checks first: nothing filled in, and a price with three decimals.
  await page.getByLabel("Price").fill("19.999");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Use at most two decimal places (cents)")).toBeVisible();
  await expect(page.getByText("Enter a name")).toBeVisible();

  await createProduct(page, product, "19.99");
  const row = productRow(page, product.name);
  await expect(row).toContainText(product.sku);
  await expect(row).toContainText("$19.99");
  await expect(row).toContainText("Active");
  await expect(row.getByLabel(`On hand for ${product.name}`)).toHaveValue("7");
  await expect(row.locator('[data-column="reserved"]')).toHaveText("0");
  await expect(row.locator('[data-column="available"]')).toHaveText("7");

  // The same SKU again (in lower case; SKUs are stored in capitals): CONFLICT on the SKU field.
  await page.goto("/admin/products/new");
  await page.getByLabel("Name").fill(`${product.name} copy`);
  await page.getByLabel("SKU").fill(product.sku.toLowerCase());
  await page.getByLabel("Price").fill("5");
  await page.getByLabel("Category").selectOption({ label: "Outdoor" });
  await page.getByLabel("Description").fill("Duplicate.");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Another product already uses this SKU")).toBeVisible();
  await expect(page.getByLabel("SKU")).toHaveAttribute("aria-invalid", "true");

  await storefrontSearch(browser, async (shopperPage) => {
    const shopper = newShopper("Sam Shopper");
    await signUp(shopperPage, shopper);
    await shopperPage.getByRole("searchbox", { name: "Search products" }).fill(product.name);
    await shopperPage.getByRole("button", { name: "Search" }).click();
    await expect(shopperPage.getByRole("link", { name: product.name })).toBeVisible();

    // …and is refused the admin area: a 404, not the table.
    const refused = await shopperPage.goto("/admin/products");
    expect(refused?.status()).toBe(404);
    await expect(shopperPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(shopperPage.getByRole("table")).toBeHidden();
  });

  // Archive: gone from the storefront (and the catalog is back to what the other tests expect).
  await page.goto(`/admin/products?q=${encodeURIComponent(product.name)}`);
  await productRow(page, product.name)
    .getByRole("button", { name: `Archive ${product.name}` })
    .click();
  await expect(productRow(page, product.name)).toContainText("Archived");
  await storefrontSearch(browser, async (visitor) => {
    await visitor.goto(`/?q=${encodeURIComponent(product.name)}`);
    await expect(visitor.getByRole("heading", { name: "No products match" })).toBeVisible();
  });
});

test("an admin edits a product, takes stock inline, and restores an archived product", async ({ page }) => {
  const product = newProduct();
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/products");
  await createProduct(page, product, "10");

  // Edit: 1.15 dollars must become exactly 115 cents (float arithmetic would give 114.99…).
  await productRow(page, product.name)
    .getByRole("link", { name: `Edit ${product.name}` })
    .click();
  await expect(page.getByLabel("Price")).toHaveValue("10.00");
  await page.getByLabel("Price").fill("1.15");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved “${product.name}”.`);
  await expect(productRow(page, product.name)).toContainText("$1.15");

  const row = productRow(page, product.name);
  await row.getByLabel(`On hand for ${product.name}`).fill("3");
  await row.getByRole("button", { name: `Save on hand for ${product.name}` }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");
  await page.reload();
  await expect(productRow(page, product.name).getByLabel(`On hand for ${product.name}`)).toHaveValue("3");
  await expect(productRow(page, product.name).locator('[data-column="available"]')).toHaveText("3");

  await productRow(page, product.name)
    .getByRole("button", { name: `Archive ${product.name}` })
    .click();
  await expect(productRow(page, product.name)).toContainText("Archived");
  await productRow(page, product.name)
    .getByRole("button", { name: `Restore ${product.name}` })
    .click();
  await expect(productRow(page, product.name)).toContainText("Active");
  await productRow(page, product.name)
    .getByRole("button", { name: `Archive ${product.name}` })
    .click();
  await expect(productRow(page, product.name)).toContainText("Archived");
});

test("visitors who are not signed in are sent to sign in, and come back afterwards", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL("/signin?callbackUrl=%2Fadmin%2Fusers");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByText("Admin (you)")).toBeVisible();
});
