import http from "node:http";
import superjson from "superjson";

export interface SseSubscription {
  close(): void;
}

/**
 * A minimal EventSource over node:http for a tRPC subscription through the BFF, carrying the session
 * cookie as a browser would. tRPC's SSE stream sends `event: connected` and `event: ping` control
 * events; the items are the unnamed events, their `data:` a superjson document.
 */
export function subscribeSse(
  url: string,
  headers: Record<string, string>,
  onItem: (item: unknown) => void,
  onError: (error: Error) => void,
): SseSubscription {
  const req = http.get(url, { headers: { ...headers, accept: "text/event-stream" }, agent: false }, (res) => {
    if (res.statusCode !== 200) {
      onError(new Error(`SSE ${url} answered HTTP ${res.statusCode}`));
      res.resume();
      return;
    }
    res.setEncoding("utf8");
    let buffered = "";
    res.on("data", (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf("\n\n"); end >= 0; end = buffered.indexOf("\n\n")) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const fields = parseBlock(block);
        if (fields.event === undefined && fields.data !== undefined) {
          onItem(superjson.deserialize(JSON.parse(fields.data)));
        }
      }
    });
  });
  req.on("error", (error) => {
    if (!closed) onError(error);
  });
  let closed = false;
  return {
    close() {
      closed = true;
      req.destroy();
    },
  };
}

function parseBlock(block: string): { event?: string; data?: string } {
  const fields: { event?: string; data?: string } = {};
  for (const line of block.split("\n")) {
    const at = line.indexOf(":");
    if (at <= 0) continue;
    const name = line.slice(0, at);
    const value = line.slice(at + 1).replace(/^ /, "");
    if (name === "event") fields.event = value;
    if (name === "data") fields.data = fields.data === undefined ? value : `${fields.data}\n${value}`;
  }
  return fields;
}
