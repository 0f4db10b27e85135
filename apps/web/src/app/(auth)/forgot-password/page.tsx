import type { Metadata } from "next";
import Link from "next/link";
import styles from "../auth.module.css";
import { ForgotPasswordForm } from "./ForgotPasswordForm.tsx";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className={styles.page}>
      <section className={styles.card} aria-labelledby="forgot-title">
        <h1 id="forgot-title" className={styles.title}>
          Forgot your password?
        </h1>
        <p className={styles.lead}>Enter your email and we will send you a link to choose a new one.</p>
        <ForgotPasswordForm />
        <p className={styles.switch}>
          Remembered it? <Link href="/signin">Sign in</Link>
        </p>
      </section>
    </div>
  );
}
