import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // kubectl kustomize renders each overlay in a second or two on these machines.
    testTimeout: 60_000,
    maxWorkers: 2,
  },
});
