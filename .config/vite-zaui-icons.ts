import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const ICON = fileURLToPath(new URL("../src/app/shared/icons/zaui-icon.tsx", import.meta.url));

/**
 * zmp-ui draws icons with a ligature font from Zalo's CDN (h5.zadn.vn): outside Zalo, or
 * without that host, every icon shows as its name. This points zmp-ui's Icon (its own imports
 * and the app's) at an inline-SVG icon that ships in the package, and drops the CDN
 * @font-face from zaui.css so nothing loads from an outside host.
 */
export function zauiIcons(): Plugin {
  return {
    name: "hvai-zaui-icons",
    enforce: "pre",
    // `vite dev` pre-bundles zmp-ui with esbuild, where resolveId below does not run.
    config: () => ({
      optimizeDeps: {
        esbuildOptions: {
          jsx: "automatic",
          plugins: [
            {
              name: "hvai-zaui-icons",
              setup(build) {
                build.onResolve({ filter: /^(\.\.\/icon|\.\/components\/icon|\.\.\/\.\.\/components\/icon)$/ }, (args) =>
                  args.importer.replace(/\\/g, "/").includes("/node_modules/zmp-ui/") ? { path: ICON } : undefined,
                );
              },
            },
          ],
        },
      },
    }),
    resolveId(source, importer) {
      if (!importer || !importer.replace(/\\/g, "/").includes("/node_modules/zmp-ui/")) return null;
      if (source === "../icon" || source === "./components/icon" || source === "../../components/icon") return ICON;
      return null;
    },
    transform(code, id) {
      if (!id.replace(/\\/g, "/").endsWith("/zmp-ui/zaui.css")) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*zaui-icons[^}]*\}/g, ""), map: null };
    },
  };
}
