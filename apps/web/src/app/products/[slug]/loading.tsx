import styles from "./loading.module.css";

export default function ProductLoading() {
  return (
    <div className={styles.layout} aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading product…
      </p>
      <div className={`skeleton ${styles.image}`} />
      <div className={styles.details}>
        <div className={`skeleton ${styles.title}`} />
        <div className={`skeleton ${styles.price}`} />
        <div className={`skeleton ${styles.text}`} />
      </div>
    </div>
  );
}
