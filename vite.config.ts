import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import zaloMiniApp from "zmp-vite-plugin";
import { precompress } from "./.config/vite-precompress";
import { zauiIcons } from "./.config/vite-zaui-icons";
import { zodSlim } from "./.config/vite-zod-slim";
import { zauiCss } from "./.config/vite-zaui-css";

const root = path.resolve(__dirname);

export default defineConfig({
  root: path.join(root, "src/app"),
  // Only VITE_* variables reach the bundle; server secrets never do.
  envDir: root,
  publicDir: false,
  plugins: [zauiIcons(), zauiCss(), zodSlim(), react(), zaloMiniApp(), precompress()],
  build: {
    outDir: path.join(root, "www"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { "/api": "http://localhost:3000", "/media": "http://localhost:3000" },
  },
  test: {
    root,
    // API suites create their own databases; two workers fit this 2-core machine.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["src/domain/**/*.test.ts", "src/server/**/*.test.ts"],
          // The local PostgreSQL, or one started from npm for this run (TEST_POSTGRES=url|embedded).
          globalSetup: ["src/server/test/postgres-global-setup.ts"],
          setupFiles: ["src/server/test/setup-node-tests.ts"],
        },
      },
      {
        extends: true,
        test: { name: "app", environment: "jsdom", include: ["src/app/**/*.test.{ts,tsx}"], exclude: ["src/app/**/*.e2e.test.ts"], setupFiles: ["src/app/test/setup-app-tests.ts"] },
      },
      {
        extends: true,
        test: {
          name: "browser",
          environment: "node",
          include: ["src/app/**/*.e2e.test.ts"],
          globalSetup: ["src/app/test/e2e-global-setup.ts"],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
