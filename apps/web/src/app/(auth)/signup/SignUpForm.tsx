"use client";

import { registerInput } from "@shop/user-svc/schemas";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { type FormEvent, useEffect, useState } from "react";
import { FormAlert, formStyles, TextField } from "../../../components/form/FormField.tsx";
import { bffErrorFacts, schemaCheck } from "../../../components/form/field-errors.ts";
import { waitText } from "../../../lib/auth-errors.ts";
import { passwordHint } from "../../../lib/password-hint.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import styles from "../auth.module.css";

interface SignUpFormProps {
  callbackPath: string;
  signInHref: string;
}

interface SignUpValues {
  name: string;
  email: string;
  password: string;
}
type SignUpErrors = Partial<Record<keyof SignUpValues, string>>;

const EMPTY: SignUpValues = { name: "", email: "", password: "" };

export function SignUpForm({ callbackPath, signInHref }: SignUpFormProps) {
  const [values, setValues] = useState<SignUpValues>(EMPTY);
  const [errors, setErrors] = useState<SignUpErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [emailTaken, setEmailTaken] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const trpc = useTRPC();
  const register = useMutation(trpc.auth.register.mutationOptions());

  const update = (field: keyof SignUpValues) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
    // A corrected field loses its error at once; other fields keep theirs until the next submit.
    setErrors((current) => ({ ...current, [field]: undefined }));
    if (field === "email") setEmailTaken(false);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setEmailTaken(false);
    // user-svc's own rules (@shop/user-svc/schemas): the browser says what the service would.
    const checked = schemaCheck(registerInput, values);
    if (!checked.ok) {
      setErrors(checked.fieldErrors);
      focusFirstInvalid(checked.fieldErrors);
      return;
    }
    setErrors({});
    try {
      await register.mutateAsync(checked.data);
    } catch (error) {
      const facts = bffErrorFacts(error);
      if (facts.code === "CONFLICT") {
        setEmailTaken(true);
        setErrors({ email: "An account with this email already exists" });
        focusFirstInvalid({ email: "taken" });
      } else if (facts.code === "BAD_REQUEST" && Object.keys(facts.fieldErrors).length > 0) {
        setErrors(facts.fieldErrors);
        focusFirstInvalid(facts.fieldErrors);
      } else if (facts.code === "TOO_MANY_REQUESTS") {
        const wait = facts.retryAfterSeconds ? ` in ${waitText(facts.retryAfterSeconds)}` : " later";
        setFormError(`Too many sign-ups from your network — try again${wait}.`);
      } else {
        setFormError("We could not create your account just now. Please try again.");
      }
      return;
    }
    // The account exists; sign in with the same credentials and continue where they were going.
    setSigningIn(true);
    const result = await signIn("credentials", {
      email: values.email,
      password: values.password,
      redirect: false,
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      window.location.assign(callbackPath);
      return;
    }
    setSigningIn(false);
    setFormError("Your account was created, but signing in failed. Please sign in.");
  }

  const busy = register.isPending || signingIn;
  return (
    <form className={formStyles.form} method="post" onSubmit={submit} noValidate>
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField
        id="signup-name"
        name="name"
        label="Name"
        autoComplete="name"
        required
        maxLength={80}
        value={values.name}
        onChange={update("name")}
        error={errors.name}
      />
      <TextField
        id="signup-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        value={values.email}
        onChange={update("email")}
        error={errors.email}
        hint={
          emailTaken ? (
            <>
              Is it yours? <Link href={signInHref}>Sign in instead</Link>.
            </>
          ) : undefined
        }
      />
      <TextField
        id="signup-password"
        name="password"
        type={showPassword ? "text" : "password"}
        label="Password"
        autoComplete="new-password"
        required
        minLength={10}
        value={values.password}
        onChange={update("password")}
        error={errors.password}
        hint={passwordHint(values.password.length)}
      />
      <label className={formStyles.checkbox}>
        <input type="checkbox" checked={showPassword} onChange={(e) => setShowPassword(e.target.checked)} />
        Show password
      </label>
      <button type="submit" className={`button ${styles.submit}`} disabled={!ready || busy}>
        {register.isPending ? "Creating account…" : signingIn ? "Signing in…" : "Create account"}
      </button>
    </form>
  );
}

/** Moves focus to the first field with an error, in form order. */
function focusFirstInvalid(errors: Partial<Record<string, string | undefined>>) {
  const field = (["name", "email", "password"] as const).find((name) => errors[name]);
  if (field) document.getElementById(`signup-${field}`)?.focus();
}
