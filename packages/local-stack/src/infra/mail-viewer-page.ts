import type { CaughtMail } from "./mail-store.ts";

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * The mail's own HTML, with a <base> so its links open in a new tab: inside the sandboxed iframe a
 * same-frame navigation would be blocked or replace the viewer.
 */
export function renderMailBodyDocument(html: string): string {
  return `<!doctype html><base target="_blank">${html}`;
}

const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: minmax(320px, 38%) 1fr; height: 100vh; color: #1f2328; }
  header { grid-column: 1 / -1; display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #24292f; color: #fff; }
  header h1 { font-size: 1rem; margin: 0; flex: 1; }
  header a, header button { color: #fff; background: none; border: 1px solid #8c959f; border-radius: 4px; padding: .2rem .6rem; font: inherit; cursor: pointer; text-decoration: none; }
  nav { overflow: auto; border-right: 1px solid #d0d7de; }
  nav a { display: block; padding: .5rem 1rem; border-bottom: 1px solid #eaeef2; color: inherit; text-decoration: none; }
  nav a[aria-current] { background: #ddf4ff; }
  nav .subject { font-weight: 600; }
  nav .meta { color: #59636e; font-size: 12px; }
  main { overflow: auto; padding: 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
  dt { color: #59636e; }
  dd { margin: 0; }
  iframe { width: 100%; height: 60vh; border: 1px solid #d0d7de; border-radius: 4px; background: #fff; }
  pre { white-space: pre-wrap; background: #f6f8fa; padding: .75rem; border-radius: 4px; }
  .empty { padding: 2rem; color: #59636e; }
`;

/** The viewer page: a list of mails (newest first) and the selected mail's headers and bodies. */
export function renderViewerPage(mails: CaughtMail[], selected: CaughtMail | undefined): string {
  const list = mails.length
    ? mails.map((mail) => renderListItem(mail, mail.id === selected?.id)).join("")
    : `<p class="empty">No mail yet. Mails sent to this catcher's SMTP port show up here.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Mail catcher (${mails.length})</title>
  <style>${STYLE}</style>
</head>
<body>
  <header>
    <h1>Mail catcher · ${mails.length} message${mails.length === 1 ? "" : "s"}</h1>
    <a href="/">Refresh</a>
    <form method="post" action="/clear"><button type="submit">Delete all</button></form>
  </header>
  <nav aria-label="Messages">${list}</nav>
  <main>${selected ? renderMail(selected) : ""}</main>
</body>
</html>`;
}

function renderListItem(mail: CaughtMail, current: boolean): string {
  return `<a href="/?id=${encodeURIComponent(mail.id)}"${current ? ' aria-current="true"' : ""}>
    <div class="subject">${escapeHtml(mail.subject || "(no subject)")}</div>
    <div class="meta">${escapeHtml(mail.from)} → ${escapeHtml(mail.to.join(", "))}</div>
    <div class="meta"><time datetime="${escapeHtml(mail.date)}">${escapeHtml(formatDate(mail.date))}</time></div>
  </a>`;
}

function renderMail(mail: CaughtMail): string {
  const htmlView = mail.html
    ? `<h2>HTML</h2>
       <iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox"
         src="/messages/${encodeURIComponent(mail.id)}/html"></iframe>`
    : "";
  return `<h2>${escapeHtml(mail.subject || "(no subject)")}</h2>
  <dl>
    <dt>From</dt><dd>${escapeHtml(mail.from)}</dd>
    <dt>To</dt><dd>${escapeHtml(mail.to.join(", "))}</dd>
    <dt>Date</dt><dd>${escapeHtml(formatDate(mail.date))}</dd>
    <dt>JSON</dt><dd><a href="/api/messages/${encodeURIComponent(mail.id)}">/api/messages/${escapeHtml(mail.id)}</a></dd>
  </dl>
  ${htmlView}
  <h2>Text</h2>
  <pre>${escapeHtml(mail.text || "(no text body)")}</pre>`;
}

function formatDate(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}
