import { expect, test } from "@playwright/test";

// Seeded by product-svc from packages/product-svc/src/seed/catalog.json.
const SKILLET = {
  name: "Cast Iron Skillet 26 cm",
  slug: "cast-iron-skillet-26-cm",
  price: "$44.90",
  description: /Pre-seasoned cast iron/,
};

test("home page server-renders the seeded catalog", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Storefront" })).toBeVisible();
  await expect(page.getByText("30 products")).toBeVisible();
  // First page of the grid (12 per page), straight from the server render.
  await expect(page.getByRole("article")).toHaveCount(12);
  await expect(page.getByRole("navigation", { name: "Categories" }).getByRole("link")).toHaveCount(7);
});

test("category filter, then the product page", async ({ page }) => {
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Categories" })
    .getByRole("link", { name: /Kitchen/ })
    .click();
  await expect(page).toHaveURL(/category=kitchen/);
  await expect(page.getByRole("heading", { level: 1, name: "Kitchen" })).toBeVisible();

  await page.getByRole("link", { name: SKILLET.name }).click();
  await expect(page).toHaveURL(`/products/${SKILLET.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: SKILLET.name })).toBeVisible();
  await expect(page.getByText(SKILLET.price)).toBeVisible();
  await expect(page.getByText(SKILLET.description)).toBeVisible();
  await expect(page.getByText("In stock")).toBeVisible();
  const image = page.getByRole("img", { name: SKILLET.name });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test("search finds a product and says when nothing matches", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search products" }).fill("skillet");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=skillet/);
  await expect(page.getByRole("link", { name: SKILLET.name })).toBeVisible();

  await page.goto("/?q=zzzznothing");
  await expect(page.getByRole("heading", { name: "No products match" })).toBeVisible();
});

test("load more fetches the next pages through the BFF", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("article")).toHaveCount(12);
  const loadMore = page.getByRole("button", { name: "Load more products" });
  await loadMore.click();
  await expect(page.getByRole("article")).toHaveCount(24);
  await loadMore.click();
  await expect(page.getByRole("article")).toHaveCount(30);
  // 30 seeded products, 12 per page: the third page was the last one.
  await expect(loadMore).toBeHidden();
});

test("unknown product shows the not-found page", async ({ page }) => {
  const response = await page.goto("/products/no-such-product");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that product" })).toBeVisible();
});

test("the BFF relays a service's validation error with field errors", async ({ request }) => {
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { q: "x".repeat(101) } } }));
  const response = await request.get(`/api/trpc/products.list?batch=1&input=${input}`);
  expect(response.status()).toBe(400);
  const [body] = (await response.json()) as [
    { error: { json: { data: { code: string; fieldErrors?: Record<string, string[]> } } } },
  ];
  expect(body.error.json.data.code).toBe("BAD_REQUEST");
  expect(body.error.json.data.fieldErrors?.q).toEqual(["Search text is limited to 100 characters"]);
});
