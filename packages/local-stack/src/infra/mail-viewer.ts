import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { MailStore } from "./mail-store.ts";
import { renderMailBodyDocument, renderViewerPage } from "./mail-viewer-page.ts";

export interface MailViewerHandle {
  url: string;
  stop(): Promise<void>;
}

const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'";
// The mail body is untrusted HTML: no scripts, no forms, a unique origin; images may load (newsletters).
const MAIL_BODY_CSP =
  "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; font-src data:";

/**
 * HTTP view of a MailStore, loopback only:
 *   GET    /                         HTML list (newest first) with the selected mail (?id=…)
 *   GET    /messages/:id/html        the mail's HTML body, served sandboxed for the page's iframe
 *   GET    /api/messages             JSON list, newest first
 *   GET    /api/messages/:id         JSON of one mail
 *   DELETE /api/messages             forget all mails (POST /clear does the same for the page's button)
 */
export async function startMailViewer(store: MailStore, port: number): Promise<MailViewerHandle> {
  const server = createServer((req, res) => {
    try {
      route(store, req, res);
    } catch (error) {
      send(res, 500, "text/plain; charset=utf-8", `mail viewer error: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function route(store: MailStore, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://viewer.local");
  const path = url.pathname;
  const method = req.method ?? "GET";
  const apiMatch = /^\/api\/messages\/([\w-]+)$/.exec(path);
  const bodyMatch = /^\/messages\/([\w-]+)\/html$/.exec(path);

  if (path === "/api/messages" && method === "GET") {
    sendJson(res, 200, store.list());
  } else if (path === "/api/messages" && method === "DELETE") {
    store.clear();
    res.writeHead(204).end();
  } else if (apiMatch && method === "GET") {
    const mail = store.byId(apiMatch[1] ?? "");
    if (mail) sendJson(res, 200, mail);
    else sendJson(res, 404, { error: "no such message" });
  } else if (bodyMatch && method === "GET") {
    const mail = store.byId(bodyMatch[1] ?? "");
    if (mail?.html) {
      res.setHeader("Content-Security-Policy", MAIL_BODY_CSP);
      send(res, 200, "text/html; charset=utf-8", renderMailBodyDocument(mail.html));
    } else {
      send(res, 404, "text/plain; charset=utf-8", "no HTML body");
    }
  } else if (path === "/clear" && method === "POST") {
    store.clear();
    res.writeHead(303, { Location: "/" }).end();
  } else if (path === "/" && method === "GET") {
    const mails = store.list();
    const selected = store.byId(url.searchParams.get("id") ?? "") ?? mails[0];
    res.setHeader("Content-Security-Policy", PAGE_CSP);
    send(res, 200, "text/html; charset=utf-8", renderViewerPage(mails, selected));
  } else {
    send(res, 404, "text/plain; charset=utf-8", "not found");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    "Content-Type": contentType,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}
