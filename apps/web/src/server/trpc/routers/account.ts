import "server-only";
import type { RouterInputs } from "@shop/user-svc/router";
import { adminProcedure, fromService, publicProcedure, router, signedInProcedure } from "../init.ts";

type AuthInputs = RouterInputs["auth"];
type UserInputs = RouterInputs["users"];

/**
 * Registration, relayed to user-svc with the client's IP in the caller (its per-IP limit). Signing
 * in is not here: it goes through next-auth (/api/auth), which sets the session cookie.
 */
export const authRouter = router({
  register: publicProcedure
    .input((raw) => raw as AuthInputs["register"])
    .mutation(({ ctx, input }) => fromService(ctx.services.user.auth.register.mutate(input))),
});

/** The signed-in person's account, and the admin's user list (user-svc enforces ADMIN). */
export const usersRouter = router({
  me: signedInProcedure.query(({ ctx }) => fromService(ctx.services.user.users.me.query())),

  list: adminProcedure
    .input((raw) => (raw ?? {}) as UserInputs["list"])
    .query(({ ctx, input }) => fromService(ctx.services.user.users.list.query(input))),

  setRole: adminProcedure
    .input((raw) => raw as UserInputs["setRole"])
    .mutation(({ ctx, input }) => fromService(ctx.services.user.users.setRole.mutate(input))),
});
