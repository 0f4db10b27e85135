import type { Metadata } from "next";
import styles from "../auth.module.css";
import { ResetPasswordForm } from "./ResetPasswordForm.tsx";

export const metadata: Metadata = { title: "Choose a new password" };

/** Reached from the reset email; the token is in the URL fragment, which only the browser sees. */
export default function ResetPasswordPage() {
  return (
    <div className={styles.page}>
      <section className={styles.card} aria-labelledby="reset-title">
        <h1 id="reset-title" className={styles.title}>
          Choose a new password
        </h1>
        <p className={styles.lead}>Setting a new password signs you out on every device.</p>
        <ResetPasswordForm />
      </section>
    </div>
  );
}
