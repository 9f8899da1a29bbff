import postcss, { type Root } from "postcss";
import type { Plugin } from "vite";

/** zmp-ui components the app never renders (directly or through the ones it uses). */
const UNUSED = /\.zaui-(avatar|calendar|date-picker|image-viewer|swiper|tabs|list|picker|slider|header|checkbox|radio|grid|stack|center|zbox)(?![\w])/;

/**
 * zaui.css styles every zmp-ui component; the first screen pays for all of them. In the app's
 * build, rules that only style components the app never renders are dropped (a rule shared
 * with a used component keeps its other selectors). Add a component here when the app starts
 * using it.
 */
export function pruneZauiCss(root: Root): void {
  root.walkRules((rule) => {
    const keep = rule.selectors.filter((s) => !UNUSED.test(s));
    if (keep.length === 0) rule.remove();
    else if (keep.length < rule.selectors.length) rule.selectors = keep;
  });
  root.walkAtRules("media", (at) => {
    if (!at.nodes?.length) at.remove();
  });
}

export function zauiCss(): Plugin {
  return {
    name: "hvai-zaui-css",
    apply: "build",
    enforce: "pre",
    async transform(code, id) {
      if (!id.replace(/\\/g, "/").endsWith("/zmp-ui/zaui.css")) return null;
      const result = await postcss([{ postcssPlugin: "prune-zaui", Once: pruneZauiCss }]).process(code, { from: id });
      return { code: result.css, map: null };
    },
  };
}
