/**
 * src/proxy.ts copies the requested path (with query) into this request header, because layouts are
 * not told which page they wrap and the admin layout needs it to send people back after sign-in.
 * The proxy overwrites any value a client sends.
 */
export const PATHNAME_HEADER = "x-shop-pathname";
