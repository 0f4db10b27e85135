import { publicProcedure, router } from "../trpc.ts";

export const categoriesRouter = router({
  list: publicProcedure.query(async ({ ctx }) => {
    const categories = await ctx.db.category.findMany({
      orderBy: { name: "asc" },
      select: { slug: true, name: true, _count: { select: { products: { where: { archivedAt: null } } } } },
    });
    return categories.map((c) => ({ slug: c.slug, name: c.name, productCount: c._count.products }));
  }),
});
