import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "../../../server/require-user.ts";
import { bffServerCaller } from "../../../server/server-caller.ts";
import styles from "../admin.module.css";
import { firstParam, listHref, plural, type SearchParams } from "../admin-params.ts";
import table from "../products/products.module.css";
import { RoleChanger } from "./RoleChanger.tsx";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;
const JOINED = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

interface AdminUsersPageProps {
  searchParams: Promise<SearchParams>;
}

export default async function AdminUsersPage({ searchParams }: AdminUsersPageProps) {
  const admin = await requireAdminPage();
  const params = await searchParams;
  const q = firstParam(params, "q");
  const cursor = firstParam(params, "cursor");
  const bff = await bffServerCaller();

  let result: Awaited<ReturnType<typeof bff.users.list>>;
  try {
    result = await bff.users.list({ q, cursor, limit: PAGE_SIZE });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
      return (
        <div className="notice" role="alert">
          <h1>That search did not work</h1>
          <p>{error.message}</p>
          <Link className="button" href="/admin/users">
            Show all users
          </Link>
        </div>
      );
    }
    throw error;
  }

  return (
    <>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>Users</h1>
          <p className={styles.subtitle}>
            {q ? `${result.total} matching “${q}”` : `${plural(result.total, "account")}, newest first`}
          </p>
        </div>
      </div>

      <search className={styles.toolbar}>
        <form className={styles.search} action="/admin/users">
          <label htmlFor="admin-users-q" className="visually-hidden">
            Search users by name or email
          </label>
          <input
            id="admin-users-q"
            className={styles.searchInput}
            type="search"
            name="q"
            defaultValue={q ?? ""}
            maxLength={100}
            placeholder="Search by name or email…"
          />
          <button type="submit" className="button">
            Search
          </button>
        </form>
        {q && (
          <Link href="/admin/users" className="button button-secondary">
            Clear search
          </Link>
        )}
      </search>

      {result.items.length === 0 ? (
        <div className="notice">
          <h2>No users found</h2>
          <p>Try part of a name or an email address.</p>
        </div>
      ) : (
        <div className={table.tableWrap}>
          <table className={table.table}>
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    <span className={table.productName}>{user.name}</span>
                  </th>
                  <td>{user.email}</td>
                  <td>{JOINED.format(user.createdAt)}</td>
                  <td>
                    {user.id === admin.id ? (
                      <span className={`${table.status} ${table.active}`}>Admin (you)</span>
                    ) : (
                      <RoleChanger userId={user.id} userLabel={user.name || user.email} role={user.role} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(cursor || result.nextCursor) && (
        <nav className={styles.pager} aria-label="User pages">
          {cursor ? <Link href={listHref("/admin/users", { q })}>← First page</Link> : <span />}
          {result.nextCursor && (
            <Link href={listHref("/admin/users", { q, cursor: result.nextCursor })}>Next page →</Link>
          )}
        </nav>
      )}
    </>
  );
}
