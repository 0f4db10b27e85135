import { createTRPCReact } from "@trpc/react-query";
import type { BffRouter } from "../server/trpc/router.ts";

/** React hooks for the BFF router; types only cross from the server, never code. */
export const trpc = createTRPCReact<BffRouter>();
