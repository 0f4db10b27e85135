import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { BffRouter } from "../server/trpc/router.ts";

/**
 * tRPC's TanStack Query integration for the BFF router: `useTRPC()` gives the typed option factories
 * (`trpc.x.queryOptions(...)`, `mutationOptions`, `queryFilter`, `queryKey`) that TanStack Query's own
 * hooks take. Types only cross from the server, never code.
 */
export const { TRPCProvider, useTRPC } = createTRPCContext<BffRouter>();
