import { type ChildProcess, spawn } from "node:child_process";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const ANNOUNCEMENT = "child server listening on ";

/** Called by a child server once it listens: tells the parent its port on stdout. */
export function announcePort(server: http.Server): void {
  announce((server.address() as AddressInfo).port);
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

export function announce(port: number): void {
  console.log(`${ANNOUNCEMENT}${port}`);
}

export interface ChildServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a bundled server (dist/<entry>.js, beside this script: a baseline, the chaos emulator) as a
 * separate process, so it competes for the CPU the way a service does instead of sharing the load
 * generator's event loop — and can be stopped on its own.
 */
export async function startChildServer(entry: string, env: NodeJS.ProcessEnv): Promise<ChildServer> {
  const script = fileURLToPath(new URL(`./${entry}.js`, import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      output += chunk;
      const match = new RegExp(`${ANNOUNCEMENT}(\\d+)`).exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${entry} exited (code ${code}) before listening`)));
  });
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
