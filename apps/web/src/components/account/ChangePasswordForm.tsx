"use client";

import { changePasswordInput } from "@shop/user-svc/schemas";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { passwordHint } from "../../lib/password-hint.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useHydrated } from "../../lib/use-hydrated.ts";
import { FormAlert, formStyles, TextField } from "../form/FormField.tsx";
import { bffErrorFacts, schemaCheck } from "../form/field-errors.ts";

type Errors = Partial<Record<"currentPassword" | "newPassword", string>>;

/**
 * Asks for the current password. A change ends every session of the account (user-svc raises its
 * session version), this one too; the form then signs in again with the new password, so the person
 * changing it stays signed in here while every other device is signed out.
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const [values, setValues] = useState({ currentPassword: "", newPassword: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  // A submit before hydration would be a plain form post; the button waits for the script.
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const checked = schemaCheck(changePasswordInput, values);
    if (!checked.ok) {
      setErrors(checked.fieldErrors);
      return;
    }
    setErrors({});
    try {
      await change.mutateAsync(checked.data);
    } catch (failure) {
      const facts = bffErrorFacts(failure);
      if (Object.keys(facts.fieldErrors).length > 0) setErrors(facts.fieldErrors);
      else setMessage(facts.message);
      return;
    }
    const again = await signIn("credentials", {
      email,
      password: checked.data.newPassword,
      redirect: false,
    }).catch(() => undefined);
    if (!again?.ok || again.error) {
      window.location.assign("/signin");
      return;
    }
    setValues({ currentPassword: "", newPassword: "" });
    setMessage("Password changed. Every other session has been signed out.");
  }

  const update = (field: keyof typeof values) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  return (
    <form className={formStyles.form} onSubmit={submit} noValidate aria-labelledby="change-password-title">
      <h3 id="change-password-title">Change password</h3>
      {message && <FormAlert>{message}</FormAlert>}
      <TextField
        id="current-password"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        value={values.currentPassword}
        onChange={update("currentPassword")}
        error={errors.currentPassword}
      />
      <TextField
        id="new-password"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        value={values.newPassword}
        onChange={update("newPassword")}
        error={errors.newPassword}
        hint={passwordHint(values.newPassword.length)}
      />
      <button type="submit" className="button" disabled={!hydrated || change.isPending}>
        {change.isPending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
