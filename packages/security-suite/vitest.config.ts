import { integrationTestConfig } from "@shop/testing/vitest";

export default integrationTestConfig();
