import type { UserConfig } from "vitest/config";

/** The shared Vitest setup for packages whose tests need PostgreSQL. */
export declare function integrationTestConfig(): UserConfig;
