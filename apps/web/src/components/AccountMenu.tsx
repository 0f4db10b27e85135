"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useId, useRef, useState } from "react";
import { signInPath } from "../lib/callback-url.ts";
import { useHydrated } from "../lib/use-hydrated.ts";
import styles from "./AccountMenu.module.css";

/** Who is signed in, as the header needs it (plain data from the server component). */
export interface AccountSummary {
  name: string | undefined;
  email: string | undefined;
  isAdmin: boolean;
}

/**
 * The header's account area: a "Sign in" link for visitors; for signed-in people a menu button with
 * their name that opens their email, "Your account", the admin link (admins only) and "Sign out". It is a disclosure
 * (button + list of links), closed by Escape, by a click elsewhere or by tabbing out of it.
 */
export function AccountMenu({ account }: { account: AccountSummary | null }) {
  const pathname = usePathname();
  if (!account) {
    return (
      <Link className={styles.signIn} href={signInPath(pathname)}>
        Sign in
      </Link>
    );
  }
  return <SignedInMenu account={account} />;
}

function SignedInMenu({ account }: { account: AccountSummary }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const label = account.name || account.email || "Account";
  // A click before hydration would be lost (no handler yet); the button waits until it can act.
  const hydrated = useHydrated();

  useEffect(() => {
    if (!open) return;
    const closeOnOutside = (event: MouseEvent | FocusEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("mousedown", closeOnOutside);
    document.addEventListener("focusin", closeOnOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("mousedown", closeOnOutside);
      document.removeEventListener("focusin", closeOnOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  async function handleSignOut() {
    setSigningOut(true);
    // next-auth's signOut POSTs with its CSRF token and clears the session cookie. A full page load
    // afterwards drops everything cached for the signed-in person.
    await signOut({ redirect: false }).catch(() => undefined);
    window.location.assign("/");
  }

  return (
    <div className={styles.root} ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.trigger}
        aria-expanded={open}
        aria-controls={menuId}
        disabled={!hydrated}
        onClick={() => setOpen((value) => !value)}
      >
        <span className={styles.avatar} aria-hidden="true">
          {label.charAt(0).toUpperCase()}
        </span>
        <span className={styles.name}>{label}</span>
        <svg className={styles.chevron} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      </button>
      <div id={menuId} className={styles.panel} hidden={!open}>
        <p className={styles.identity}>
          <span className={styles.identityLabel}>Signed in as</span>
          <span className={styles.email}>{account.email ?? label}</span>
        </p>
        <ul className={styles.items}>
          <li>
            <Link className={styles.item} href="/account" onClick={() => setOpen(false)}>
              Your account
            </Link>
          </li>
          {account.isAdmin && (
            <li>
              <Link className={styles.item} href="/admin" onClick={() => setOpen(false)}>
                Admin
              </Link>
            </li>
          )}
          <li>
            <button type="button" className={styles.item} onClick={handleSignOut} disabled={signingOut}>
              {signingOut ? "Signing out…" : "Sign out"}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
