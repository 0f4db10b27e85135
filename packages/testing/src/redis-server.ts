import { spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import { freePort } from "@shop/local-stack/free-port";

/**
 * A throw-away redis-server on a free loopback port, for tests of the Redis-backed paths. Needs the
 * `redis-server` binary (Debian: apt-get install redis-server; .ci/run installs it).
 */
export async function startRedisServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { stdio: "ignore" },
  );
  const failed = once(child, "error").then(([error]) => {
    throw new Error(
      `could not start redis-server (apt-get install redis-server): ${(error as Error).message}`,
    );
  });
  const ready = (async () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("redis-server did not start within 5 s");
  })();
  await Promise.race([ready, failed]);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
