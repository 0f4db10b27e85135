import type { Metadata } from "next";
import { requireAdminPage } from "../../../server/require-user.ts";
import { bffServerCaller } from "../../../server/server-caller.ts";
import { AdminPageHeader } from "../AdminPageHeader.tsx";
import { AdminPager } from "../AdminPager.tsx";
import { AdminSearch } from "../AdminSearch.tsx";
import { firstParam, plural, type SearchParams } from "../admin-params.ts";
import { isRefusedListQuery, ListQueryRefused } from "../ListQueryRefused.tsx";
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
    if (!isRefusedListQuery(error)) throw error;
    return (
      <ListQueryRefused title="That search did not work" message={error.message} href="/admin/users">
        Show all users
      </ListQueryRefused>
    );
  }

  return (
    <>
      <AdminPageHeader
        title="Users"
        subtitle={q ? `${result.total} matching “${q}”` : `${plural(result.total, "account")}, newest first`}
      />

      <AdminSearch
        listPath="/admin/users"
        inputId="admin-users-q"
        label="Search users by name or email"
        placeholder="Search by name or email…"
        q={q}
      />

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

      <AdminPager
        listPath="/admin/users"
        label="User pages"
        q={q}
        cursor={cursor}
        nextCursor={result.nextCursor}
      />
    </>
  );
}
