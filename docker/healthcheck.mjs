// Container HEALTHCHECK probe. Slim Node images ship no curl or wget, so Node's own fetch asks the
// server in the same container. Exit 0 = healthy, 1 = unhealthy (the message lands in
// `docker inspect --format '{{json .State.Health}}'`).
//
//   node healthcheck.mjs [path]   path defaults to $HEALTHCHECK_PATH, then /ready; port is $PORT.
const path = process.argv[2] ?? process.env.HEALTHCHECK_PATH ?? "/ready";
const url = `http://127.0.0.1:${process.env.PORT ?? ""}${path}`;
try {
  // Shorter than the HEALTHCHECK --timeout so a hung server is reported here, not killed mid-probe.
  const res = await fetch(url, { signal: AbortSignal.timeout(2500), redirect: "manual" });
  if (!res.ok) {
    console.error(`${url} answered ${res.status}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
