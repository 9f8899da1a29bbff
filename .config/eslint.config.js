// Lives in .config/ because the design card fixes the top-level layout.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { appBoundaryBlocks } from "./eslint-app-rules.js";

export default tseslint.config(
  { ignores: ["www/**", "node_modules/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": ["error", {
        paths: [{ name: "zmp-sdk", message: "Only the fence (src/app/fence: zalo.ts, zalo-actions.ts) may import zmp-sdk." }],
        patterns: [{ group: ["zmp-sdk/*"], message: "Only the fence (src/app/fence: zalo.ts, zalo-actions.ts) may import zmp-sdk." }],
      }],
    },
  },
  // ADR 0003: the fence folder is the only place that imports zmp-sdk.
  { files: ["src/app/fence/*.ts"], rules: { "no-restricted-imports": "off" } },
  // App and domain boundaries (feature isolation, no server in the app, pure domain, kebab-case files).
  ...appBoundaryBlocks,
  {
    files: ["src/server/db/migrations/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  // ---- Server shape (ADR 0006, docs/architecture.md) — kept apart from the domain/app rules above. ----
  {
    // Server features reach each other only through their entry point (`../<feature>`, i.e. its index.ts).
    files: ["src/server/features/**/*.ts"],
    ignores: ["src/server/features/**/*.test.ts", "src/server/features/**/*.test-helpers.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{ name: "zmp-sdk", message: "Only the fence (src/app/fence: zalo.ts, zalo-actions.ts) may import zmp-sdk." }],
        patterns: [
          { group: ["zmp-sdk/*"], message: "Only the fence (src/app/fence: zalo.ts, zalo-actions.ts) may import zmp-sdk." },
          { regex: "^\\.\\./(?!\\.\\.)[^/]+/", message: "Import another server feature through its entry point: '../<feature>' (its index.ts), not its files." },
        ],
      }],
    },
  },
  {
    // app.ts and the app context see features only through their entry points too.
    files: ["src/server/app.ts", "src/server/app-context.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { regex: "^\\./features/[^/]+/", message: "Import a server feature through its entry point: './features/<feature>'." },
      ] }],
    },
  },
  {
    // One way to add an /api route: route(app, endpoint, handler) against the domain declaration (ADR 0007).
    files: ["src/server/**/*.ts"],
    ignores: ["src/server/**/*.test.ts", "src/server/shared/route.ts"],
    rules: {
      "no-restricted-syntax": ["error", {
        selector: "CallExpression[callee.property.name=/^(get|post|put|patch|delete|route)$/] > Literal.arguments:first-child[value=/^\\/api\\//]",
        message: "Declare the endpoint in src/domain/<feature>/<feature>.endpoints.ts and register it with route(app, endpoint, handler).",
      }, {
        selector: "CallExpression[callee.property.name=/^(get|post|put|patch|delete)$/] > MemberExpression.arguments:first-child[property.name='path']",
        message: "Register a declared endpoint with route(app, endpoint, handler), which adds its schemas, security and error statuses.",
      }],
    },
  },
  {
    // No file over 300 lines, no function over 120 (tests and migrations excepted).
    files: ["src/server/**/*.ts"],
    ignores: ["src/server/**/*.test.ts", "src/server/db/migrations/*.ts"],
    rules: {
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests too stay under 300 lines a file (a describe block is one long function, so no function limit).
    files: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    rules: {
      "max-lines": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
);
