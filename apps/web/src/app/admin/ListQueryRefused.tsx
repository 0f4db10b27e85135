import { TRPCError } from "@trpc/server";
import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The service refused a list's query string: an over-long search or a stale cursor comes from a
 * hand-edited URL, which is the admin's to fix, so it gets a notice rather than the error page.
 */
export function isRefusedListQuery(error: unknown): error is TRPCError {
  return error instanceof TRPCError && error.code === "BAD_REQUEST";
}

interface ListQueryRefusedProps {
  title: string;
  /** The service's explanation. */
  message: string;
  /** A working version of the list to go to instead, and its label (children). */
  href: string;
  children: ReactNode;
}

export function ListQueryRefused({ title, message, href, children }: ListQueryRefusedProps) {
  return (
    <div className="notice" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <Link className="button" href={href}>
        {children}
      </Link>
    </div>
  );
}
