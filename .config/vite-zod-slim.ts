import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

const OFF = `const off = () => { throw new Error("zod JSON Schema generation is left out of the mini-app bundle"); };`;

/**
 * zod 4's classic schemas reference its JSON Schema generator from every schema, so it lands in
 * the client (~57 KB of source) although the app only parses. In the app's production build the
 * generator's modules become stubs (aggregateChecks, which schema getters use, stays real).
 * The server, the tests and `vite dev` use zod untouched.
 */
export function zodSlim(): Plugin {
  return {
    name: "hvai-zod-slim",
    apply: "build",
    enforce: "pre",
    load(id) {
      const file = id.split("?")[0]!.replace(/\\/g, "/");
      if (file.endsWith("/zod/v4/core/to-json-schema.js")) {
        const names = [...readFileSync(file, "utf8").matchAll(/export (?:const|function) (\w+)/g)].map((m) => m[1]!);
        const stubs = names.map((n) => (n.startsWith("create") ? `export const ${n} = () => off;` : `export const ${n} = off;`));
        return `${OFF}\n${stubs.join("\n")}\nexport { processSchema as process };\n`;
      }
      if (file.endsWith("/zod/v4/core/json-schema-processors.js")) {
        const src = readFileSync(file, "utf8");
        const cut = src.indexOf("const formatMap");
        if (cut < 0 || !src.includes("export function aggregateChecks")) return null;
        const names = [...src.slice(cut).matchAll(/export (?:const|function) (\w+)/g)].map((m) => m[1]!);
        return `${src.slice(0, cut)}\n${OFF}\n${names.map((n) => `export const ${n} = off;`).join("\n")}\n`;
      }
      return null;
    },
  };
}
