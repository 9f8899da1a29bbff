// The app's and the domain's boundaries (arch-app). Server rules live in their own block.
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const rel = (file) => path.relative(root, file).split(path.sep).join("/");

/** "src/app/features/<feature>/…" → feature name, else null. */
const featureOf = (p) => /^src\/app\/features\/([^/]+)\//.exec(p)?.[1] ?? null;
const isTestFile = (p) => /\.test\.tsx?$/.test(p) || p.startsWith("src/app/test/");

/** Where a relative import lands, from the repository root ("src/…"); null for packages. */
function target(context, source) {
  if (!source.startsWith(".")) return null;
  return rel(path.resolve(path.dirname(context.filename), source));
}

const boundaries = {
  meta: {
    type: "problem",
    docs: { description: "App features reach each other only through src/app/shared; app code never imports src/server" },
    schema: [],
    messages: {
      crossFeature: "src/app/features/{{from}} may not import src/app/features/{{to}}: share it through src/app/shared (or src/domain).",
      server: "The app never imports src/server (only its tests may, to run the real API).",
    },
  },
  create(context) {
    const file = rel(context.filename);
    if (!file.startsWith("src/app/")) return {};
    const from = featureOf(file);
    const check = (node, source) => {
      if (typeof source !== "string") return;
      const to = target(context, source);
      if (!to) return;
      const toFeature = featureOf(to);
      if (from && toFeature && toFeature !== from) context.report({ node, messageId: "crossFeature", data: { from, to: toFeature } });
      if (to.startsWith("src/server/") && !isTestFile(file)) context.report({ node, messageId: "server" });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === "Literal" ? node.source.value : undefined),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

/** feature-folder-name.kind.ts: lower-case words joined by "-", dot-separated parts. */
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.(ts|tsx|js)$/;
const kebabFiles = {
  meta: { type: "suggestion", docs: { description: "File names are kebab-case" }, schema: [], messages: { kebab: "File name {{name}} is not kebab-case (e.g. lesson-player.tsx, quiz.routes.ts)." } },
  create(context) {
    return {
      Program(node) {
        const name = path.basename(context.filename);
        if (!KEBAB.test(name)) context.report({ node, messageId: "kebab", data: { name } });
      },
    };
  },
};

export const hvaiPlugin = { rules: { boundaries, "kebab-files": kebabFiles } };

const DOMAIN_IS_PURE = "src/domain is pure TypeScript shared by both sides: no I/O (node:*, fs, databases, HTTP servers), no UI (react, zmp-*), no app or server imports.";

export const appBoundaryBlocks = [
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { hvai: hvaiPlugin },
    rules: { "hvai/kebab-files": "error", "hvai/boundaries": "error" },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        {
          group: [
            "**/app/**", "**/server/**",
            "node:*", "fs", "fs/*", "path", "os", "child_process", "worker_threads", "http", "https", "net", "stream", "crypto", "zlib",
            "pg", "pg-*", "better-sqlite3", "kysely", "kysely/*", "fastify", "fastify-*", "@fastify/*", "@aws-sdk/*", "exceljs", "papaparse", "piscina",
            "react", "react/*", "react-dom", "react-dom/*", "recoil", "react-router-dom", "zmp-sdk", "zmp-sdk/*", "zmp-ui", "zmp-ui/*",
          ],
          message: DOMAIN_IS_PURE,
        },
      ] }],
    },
  },
];
