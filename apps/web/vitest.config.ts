import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "vitest/config";

// `server-only/empty.js` is not in the package's exports map, so locate it next to the main entry.
const serverOnlyDir = dirname(createRequire(import.meta.url).resolve("server-only"));

export default defineConfig({
  resolve: {
    alias: {
      // Next resolves `server-only` to an empty module for server code; outside Next it throws on import.
      "server-only": join(serverOnlyDir, "empty.js"),
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    env: { LOG_LEVEL: "silent", NODE_ENV: "test" },
  },
});
