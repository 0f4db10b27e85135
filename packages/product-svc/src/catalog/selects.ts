/** The product shape returned by detail reads and admin writes alike. */
export const productDetailSelect = {
  id: true,
  slug: true,
  sku: true,
  name: true,
  description: true,
  priceCents: true,
  currency: true,
  imageUrl: true,
  stock: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  category: { select: { slug: true, name: true } },
} as const;
