import type { Metadata } from "next";
import { AccountView } from "../../components/account/AccountView.tsx";
import { requireSignedInUser } from "../../server/require-user.ts";
import { bffServerCaller } from "../../server/server-caller.ts";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  await requireSignedInUser("/account");
  const bff = await bffServerCaller();
  const account = await bff.users.me();
  return (
    <>
      <h1>Your account</h1>
      <AccountView initial={account} />
    </>
  );
}
