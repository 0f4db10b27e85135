import { chmod, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackConfig } from "./config.ts";

export interface DataDir {
  dataDir: string;
  logDir: string;
  /**
   * Removes a throw-away directory and keeps a persistent one. After a failure (exit code ≠ 0) the
   * logs of a throw-away directory are kept, since they are what explains the failure.
   */
  dispose(exitCode: number): Promise<void>;
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
    async dispose(exitCode) {
      const keepLogs = exitCode !== 0 && logDir.startsWith(join(dataDir, ""));
      if (!keepLogs) return rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
      const entries = await readdir(dataDir);
      await Promise.all(
        entries
          .filter((entry) => join(dataDir, entry) !== logDir)
          .map((entry) => rm(join(dataDir, entry), { recursive: true, force: true, maxRetries: 3 })),
      );
      console.error(`  logs of this run kept in ${logDir}`);
    },
  };
}
