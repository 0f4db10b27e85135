import http from "node:http";

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpRequestOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Per request; the load must never hang a benchmark. */
  timeoutMs?: number;
}

export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A plain node:http client with keep-alive connections, used for every measured request (BFF,
 * services and baselines alike, so the client side costs the same for each). Node's fetch (undici) is
 * noticeably heavier per request, which on a 2-core machine would be taken from the servers measured.
 */
export class HttpClient {
  readonly #agent: http.Agent;

  constructor(maxSockets = 64) {
    this.#agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(url: string | URL, opts: HttpRequestOptions = {}): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.body !== undefined) headers["content-length"] = String(Buffer.byteLength(opts.body));
      const req = http.request(url, { method: opts.method ?? "GET", headers, agent: this.#agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      });
      req.setTimeout(opts.timeoutMs ?? 10_000, () => {
        req.destroy(new HttpError("TIMEOUT", `no answer from ${String(url)} in time`));
      });
      req.on("error", reject);
      req.end(opts.body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
