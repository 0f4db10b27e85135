import Link from "next/link";
import styles from "./admin.module.css";

interface AdminSearchProps {
  /** The list page the search reloads, e.g. /admin/users. */
  listPath: string;
  inputId: string;
  /** What is searched, for assistive technology (the field has no visible label). */
  label: string;
  placeholder: string;
  /** The current search, if any: prefills the field and offers to clear it. */
  q: string | undefined;
}

/** A list page's search field: a plain GET form, so results are linkable and work without JavaScript. */
export function AdminSearch({ listPath, inputId, label, placeholder, q }: AdminSearchProps) {
  return (
    <search className={styles.toolbar}>
      <form className={styles.search} action={listPath}>
        <label htmlFor={inputId} className="visually-hidden">
          {label}
        </label>
        <input
          id={inputId}
          className={styles.searchInput}
          type="search"
          name="q"
          defaultValue={q ?? ""}
          maxLength={100}
          placeholder={placeholder}
        />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {q && (
        <Link href={listPath} className="button button-secondary">
          Clear search
        </Link>
      )}
    </search>
  );
}
