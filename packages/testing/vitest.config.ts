import { integrationTestConfig } from "./src/vitest-config.js";

export default integrationTestConfig();
