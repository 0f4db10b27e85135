// Plain JavaScript on purpose: Vitest loads config files with Node, which cannot import TypeScript
// from another workspace package. The global setup it points at is TypeScript and runs inside Vitest.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The shared Vitest setup for packages whose tests need PostgreSQL. */
export function integrationTestConfig() {
  return defineConfig({
    test: {
      globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
      include: ["test/**/*.test.ts", "src/**/*.test.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Two cores: more workers than that only adds contention.
      maxWorkers: 2,
    },
  });
}
