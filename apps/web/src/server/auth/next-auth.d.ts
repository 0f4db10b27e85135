import type { DefaultSession } from "next-auth";

/** The roles a person can have in the shop (SERVICE and GUEST are never session roles). */
type ShopRole = "SHOPPER" | "ADMIN";

// What our callbacks add to next-auth's shapes (see options.ts): the shop's user id, role, the
// account's session version at sign-in, and whether its email is verified.
declare module "next-auth" {
  interface User {
    role?: ShopRole;
    sessionVersion?: number;
    /** (next-auth's own `emailVerified` is an adapter's Date; ours is user-svc's boolean.) */
    verifiedEmail?: boolean;
  }
  interface Session {
    user: { id: string; role: ShopRole; emailVerified: boolean } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: ShopRole;
    /** The account's session version when this session was issued; absent on sessions from before versions (= 1). */
    sv?: number;
    emailVerified?: boolean;
  }
}
