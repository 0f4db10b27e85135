"use client";

import "./globals.css";

/** Last resort when the root layout itself fails; it replaces the whole document. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="container">
          <div className="notice" role="alert">
            <h1>Something went wrong</h1>
            <p>The shop could not be displayed. Please try again in a moment.</p>
            <button type="button" className="button" onClick={() => retry()}>
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
