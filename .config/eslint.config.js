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
        paths: [{ name: "zmp-sdk", message: "Only src/app/fence/zalo.ts may import zmp-sdk." }],
        patterns: [{ group: ["zmp-sdk/*"], message: "Only src/app/fence/zalo.ts may import zmp-sdk." }],
      }],
    },
  },
  { files: ["src/app/fence/zalo.ts"], rules: { "no-restricted-imports": "off" } },
  // App and domain boundaries (feature isolation, no server in the app, pure domain, kebab-case files).
  ...appBoundaryBlocks,
  {
    files: ["src/server/db/migrations/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
