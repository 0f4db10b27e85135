interface LoadFailedNoticeProps {
  /** What could not be loaded, e.g. "We could not load your cart". */
  title: string;
  /** Why, as the BFF put it. */
  message: string;
  /** Asks for the data again. */
  onRetry: () => void;
}

/** In place of data a client-side query failed to fetch: what is missing, why, and a way to ask again. */
export function LoadFailedNotice({ title, message, onRetry }: LoadFailedNoticeProps) {
  return (
    <div className="notice" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
      <div className="notice-actions">
        <button type="button" className="button" onClick={() => onRetry()}>
          Try again
        </button>
      </div>
    </div>
  );
}
