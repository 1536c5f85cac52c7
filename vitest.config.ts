import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the browser and spawned processes from starving each other.
    maxWorkers: 2,
    env: { LOG_LEVEL: "silent", NODE_ENV: "test" },
  },
});
