import type { Role, ServiceName } from "@shop/service-kit/auth";

/**
 * Who may call what, written down once, independently of the code it checks. ANY: any holder of a
 * valid internal token (the BFF relays anonymous visitors as GUEST); USER: a signed-in shopper or
 * admin; ADMIN; SERVICE: service-to-service only. Every procedure of every router must appear here —
 * the matrix test fails on one that does not, so a new endpoint cannot ship without a decision.
 */
export type Access = "ANY" | "USER" | "ADMIN" | "SERVICE";

export const ACCESS_POLICY: Record<ServiceName, Record<string, Access>> = {
  "user-svc": {
    "auth.register": "ANY",
    "auth.verifyCredentials": "ANY",
    "auth.upsertOAuthUser": "SERVICE",
    "users.me": "USER",
    "users.byId": "SERVICE",
    "users.list": "ADMIN",
    "users.setRole": "ADMIN",
    "auth.requestPasswordReset": "ANY",
    "auth.resetPassword": "ANY",
    "account.verifyEmail": "USER",
    "account.resendVerification": "USER",
    "account.changePassword": "USER",
    "account.signOutEverywhere": "USER",
  },
  "product-svc": {
    "products.list": "ANY",
    "products.bySlug": "ANY",
    "products.byIds": "ANY",
    "products.byId": "ANY",
    "products.create": "ADMIN",
    "products.update": "ADMIN",
    "products.archive": "ADMIN",
    "products.setStock": "ADMIN",
    "categories.list": "ANY",
    "inventory.reserve": "SERVICE",
    "inventory.markPlaced": "SERVICE",
    "inventory.release": "SERVICE",
    "inventory.ship": "SERVICE",
    "inventory.stale": "SERVICE",
    "store.get": "ANY",
  },
  "order-svc": {
    "cart.get": "USER",
    "cart.quote": "ANY",
    "cart.quoteAdd": "ANY",
    "cart.merge": "USER",
    "cart.add": "USER",
    "cart.setItem": "USER",
    "cart.removeItem": "USER",
    "cart.clear": "USER",
    "orders.place": "USER",
    "orders.mine": "USER",
    "orders.byId": "USER",
    "orders.cancel": "USER",
    "orders.updateStatus": "ADMIN",
    "orders.list": "ADMIN",
  },
  "notify-svc": {
    "notifications.mine": "USER",
    "notifications.unreadCount": "USER",
    "notifications.markRead": "USER",
    "notifications.onEvent": "USER",
    "notifications.list": "ADMIN",
    "notifications.retry": "ADMIN",
    "accountMail.send": "SERVICE",
  },
};

export type Outcome = "allowed" | "UNAUTHORIZED" | "FORBIDDEN";

/** What a caller with `role` must get from a procedure with `access`. */
export function expectedOutcome(access: Access, role: Role): Outcome {
  if (access === "ANY") return "allowed";
  if (role === "GUEST") return "UNAUTHORIZED";
  if (access === "USER") return role === "SHOPPER" || role === "ADMIN" ? "allowed" : "FORBIDDEN";
  if (access === "ADMIN") return role === "ADMIN" ? "allowed" : "FORBIDDEN";
  return role === "SERVICE" ? "allowed" : "FORBIDDEN";
}
