import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackConfig } from "./config.ts";

export interface DataDir {
  dataDir: string;
  logDir: string;
  /** Removes a throw-away directory; keeps a persistent one. */
  dispose(): Promise<void>;
}

export async function prepareDataDir(config: StackConfig): Promise<DataDir> {
  if (!config.ephemeral) {
    const logDir = config.logDir ?? join(config.dataDir, "logs");
    await mkdir(logDir, { recursive: true });
    return { dataDir: config.dataDir, logDir, dispose: async () => {} };
  }
  const dataDir = await mkdtemp(join(tmpdir(), "storefront-stack-"));
  // mkdtemp makes it 0700. Run as root, PostgreSQL runs as the 'postgres' user and must be able to
  // reach <dataDir>/postgres, so allow traversal (not listing) to others.
  await chmod(dataDir, 0o711);
  const logDir = config.logDir ?? join(dataDir, "logs");
  await mkdir(logDir, { recursive: true });
  return {
    dataDir,
    logDir,
    dispose: () => rm(dataDir, { recursive: true, force: true, maxRetries: 3 }),
  };
}
