import type { DefaultSession } from "next-auth";

/** The roles a person can have in the shop (SERVICE and GUEST are never session roles). */
type ShopRole = "SHOPPER" | "ADMIN";

// What our callbacks add to next-auth's shapes (see options.ts): the shop's user id and role.
declare module "next-auth" {
  interface User {
    role?: ShopRole;
  }
  interface Session {
    user: { id: string; role: ShopRole } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: ShopRole;
  }
}
