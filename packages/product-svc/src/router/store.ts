import { publicProcedure, router } from "../trpc.ts";

/** Facts about the store as a whole, for anyone who formats or compares prices. */
export const storeRouter = router({
  get: publicProcedure.query(({ ctx }) => ({ currency: ctx.storeCurrency })),
});
