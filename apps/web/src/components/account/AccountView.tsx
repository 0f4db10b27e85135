"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import type { BffOutputs } from "../../server/trpc/router.ts";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { VerifyEmailPanel } from "./VerifyEmailPanel.tsx";

type Account = BffOutputs["users"]["me"];

/** Name, email and its verified state, how the account signs in, password change, sign-out everywhere. */
export function AccountView({ initial }: { initial: Account }) {
  const router = useRouter();
  const trpc = useTRPC();
  const me = useQuery(trpc.users.me.queryOptions(undefined, { initialData: initial }));
  const account = me.data;
  const [endingSessions, setEndingSessions] = useState(false);
  const endAll = useMutation(trpc.account.signOutEverywhere.mutationOptions());

  async function signOutEverywhere() {
    setEndingSessions(true);
    try {
      await endAll.mutateAsync({ confirm: true });
    } catch {
      setEndingSessions(false);
      return;
    }
    // This session ended with the others; clear its cookie and start over.
    await signOut({ redirect: false }).catch(() => undefined);
    window.location.assign("/signin");
  }

  return (
    <div className="stack">
      <section aria-labelledby="account-profile">
        <h2 id="account-profile">Profile</h2>
        <dl>
          <dt>Name</dt>
          <dd>{account.name}</dd>
          <dt>Email</dt>
          <dd>
            {account.email}{" "}
            <span data-testid="email-state">{account.emailVerified ? "(verified)" : "(not verified)"}</span>
          </dd>
        </dl>
        {!account.emailVerified && (
          <VerifyEmailPanel
            email={account.email}
            submitLabel="Verify email"
            onVerified={() => router.refresh()}
          />
        )}
      </section>

      <section aria-labelledby="account-signin">
        <h2 id="account-signin">How you sign in</h2>
        <dl>
          <dt>Password</dt>
          <dd>{account.hasPassword ? "Set" : "Not set"}</dd>
          <dt>Google</dt>
          <dd>{account.googleLinked ? "Linked" : "Not linked"}</dd>
        </dl>
        {account.hasPassword ? (
          <ChangePasswordForm email={account.email} />
        ) : (
          <p>
            This account signs in with Google only. To add a password, use{" "}
            <Link href="/forgot-password">“Forgot password?”</Link>.
          </p>
        )}
      </section>

      <section aria-labelledby="account-sessions">
        <h2 id="account-sessions">Sessions</h2>
        <p>
          Signed in on a computer you no longer use? End every session of this account, this one included.
        </p>
        <button
          type="button"
          className="button button-secondary"
          onClick={signOutEverywhere}
          disabled={endingSessions}
        >
          {endingSessions ? "Signing out everywhere…" : "Sign out everywhere"}
        </button>
      </section>
    </div>
  );
}
