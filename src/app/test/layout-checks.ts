/**
 * In-page checks for the readability test (run through page.evaluate, so they must stay
 * self-contained: no imports, no closures over module values).
 */

export type LayoutProblem = { kind: "sideways-scroll" | "off-screen" | "spill" | "nav-label" | "tap-target" | "icon-name" | "contrast"; what: string; detail: string };

/** Scales every px font-size and line-height in the page's stylesheets (not icons, not inline styles), as Android's font scale does. */
export function installTextScale(factor: number): void {
  if (factor === 1) return;
  const done = new WeakSet<CSSRule>();
  const scaleValue = (v: string) => v.replace(/(-?\d*\.?\d+)px/g, (_m, n: string) => `${(Number(n) * factor).toFixed(2)}px`);
  const walk = (rules: CSSRuleList) => {
    for (const rule of Array.from(rules)) {
      if (done.has(rule)) continue;
      done.add(rule);
      if ("cssRules" in rule && (rule as CSSGroupingRule).cssRules) walk((rule as CSSGroupingRule).cssRules);
      const style = (rule as CSSStyleRule).style;
      const selector = (rule as CSSStyleRule).selectorText ?? "";
      if (!style || /icon/.test(selector)) continue;
      for (const prop of ["font-size", "line-height"]) {
        const v = style.getPropertyValue(prop);
        if (v && v.includes("px")) style.setProperty(prop, scaleValue(v), style.getPropertyPriority(prop));
      }
    }
  };
  const scaleAll = () => {
    for (const sheet of Array.from(document.styleSheets)) {
      try {
        walk(sheet.cssRules);
      } catch {
        /* a cross-origin sheet: none in this app */
      }
    }
  };
  new MutationObserver((records) => {
    for (const r of records)
      r.addedNodes.forEach((n) => {
        if (n instanceof HTMLLinkElement) n.addEventListener("load", scaleAll);
        if (n instanceof HTMLStyleElement || n instanceof HTMLLinkElement) scaleAll();
      });
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", scaleAll);
  window.addEventListener("load", scaleAll);
  (window as unknown as { __scaleText: () => void }).__scaleText = scaleAll;
}

/**
 * Everything on screen that is wrong at this viewport and text size. One long function on purpose:
 * page.evaluate sends its source text to the browser, so its helpers must live inside it.
 */
export function findLayoutProblems(): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const vw = document.documentElement.clientWidth;
  const name = (el: Element) => {
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
    const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join(".")}` : "";
    return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) return false;
      if (e.classList.contains("sr-only")) return false;
    }
    return true;
  };

  // 1. Nothing scrolls sideways: the document, or any scroll container (zmp-ui's page).
  if (document.documentElement.scrollWidth > vw + 1) problems.push({ kind: "sideways-scroll", what: "document", detail: `${document.documentElement.scrollWidth} px wide on a ${vw} px screen` });
  for (const el of Array.from(document.querySelectorAll("body *"))) {
    const s = getComputedStyle(el);
    if ((s.overflowX === "auto" || s.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1 && visible(el))
      problems.push({ kind: "sideways-scroll", what: name(el), detail: `scroll width ${el.scrollWidth} > ${el.clientWidth}` });
  }

  // 2. No text runs off the screen.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent?.trim() || !visible(parent) || parent.closest("svg, script, style, noscript")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of Array.from(range.getClientRects())) {
      if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) {
        problems.push({ kind: "off-screen", what: name(parent), detail: `text spans ${Math.round(r.left)}–${Math.round(r.right)} of ${vw} px` });
        break;
      }
    }
  }

  // 3. A button's or label's text stays inside its box.
  for (const el of Array.from(document.querySelectorAll("button, [role=button], label, .chip, .zaui-btn"))) {
    if (!visible(el) || !el.textContent?.trim()) continue;
    const box = el.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    for (const r of Array.from(range.getClientRects())) {
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        problems.push({ kind: "spill", what: name(el), detail: `content ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} outside box ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}` });
        break;
      }
    }
  }

  // 4. Navigation labels stay inside the bar and clear of the icons.
  const bar = document.querySelector(".zaui-bottom-navigation-content");
  if (bar && visible(bar)) {
    const b = bar.getBoundingClientRect();
    for (const item of Array.from(bar.querySelectorAll(".zaui-bottom-navigation-item"))) {
      const label = item.querySelector(".zaui-bottom-navigation-item-label");
      const icon = item.querySelector(".zaui-bottom-navigation-item-icon");
      if (!label) continue;
      const range = document.createRange();
      range.selectNodeContents(label);
      const l = range.getBoundingClientRect();
      const it = item.getBoundingClientRect();
      if (l.top < b.top - 1 || l.bottom > b.bottom + 1 || l.left < it.left - 1 || l.right > it.right + 1) problems.push({ kind: "nav-label", what: name(label), detail: `label ${Math.round(l.top)}–${Math.round(l.bottom)} outside bar ${Math.round(b.top)}–${Math.round(b.bottom)} or its item` });
      if (icon && icon.getBoundingClientRect().bottom > l.top + 1) problems.push({ kind: "nav-label", what: name(label), detail: "the icon overlaps the label" });
    }
  }

  // 5. Tap targets of at least 44×44 CSS px (inline links in running text excepted).
  const targets = new Set<Element>();
  for (const el of Array.from(document.querySelectorAll('button, [role=button], [role=tab], a[href], select, .zaui-bottom-navigation-item, label, input[type=checkbox], input[type=radio]'))) {
    if (el.tagName === "LABEL" && !el.querySelector("input[type=checkbox], input[type=radio], input[type=file]")) continue;
    if (el.tagName === "INPUT" && el.closest("label")) continue;
    if (el.tagName === "A" && getComputedStyle(el).display === "inline") continue;
    targets.add(el.closest(".zaui-bottom-navigation-item") ?? el);
  }
  for (const el of targets) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 43.5 || r.height < 43.5) problems.push({ kind: "tap-target", what: name(el), detail: `${r.width.toFixed(1)}×${r.height.toFixed(1)}` });
  }

  // 6. Text contrast ≥ 4.5:1 (3:1 for large text), WCAG AA; disabled controls are exempt.
  const rgba = (c: string) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a] = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: r!, g: g!, b: b!, a: a ?? 1 };
  };
  const lum = (c: { r: number; g: number; b: number }) => {
    const f = (v: number) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const blend = (top: { r: number; g: number; b: number; a: number }, under: { r: number; g: number; b: number }) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
  });
  const seen = new Set<Element>();
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent?.trim() || !visible(el) || el.closest("svg, script, style, noscript, video, [disabled], [aria-disabled=true]")) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const fg = rgba(style.color);
    if (!fg) continue;
    // The background: the first opaque-ish colour up the tree; images and gradients are not judged.
    let bg: { r: number; g: number; b: number } | null = null;
    const layers: { r: number; g: number; b: number; a: number }[] = [];
    let opacity = 1;
    let judged = true;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s2 = getComputedStyle(e);
      opacity *= Number(s2.opacity);
      if (s2.backgroundImage !== "none") {
        judged = false;
        break;
      }
      const c = rgba(s2.backgroundColor);
      if (c && c.a > 0) {
        if (c.a >= 0.99) {
          bg = c;
          break;
        }
        layers.push(c);
      }
    }
    if (!judged) continue;
    let under = bg ?? { r: 255, g: 255, b: 255 };
    for (const layer of layers.reverse()) under = blend(layer, under);
    const text = blend({ ...fg, a: fg.a * opacity }, under);
    const [hi, lo] = [lum(text), lum(under)].sort((a, b) => b - a) as [number, number];
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push({ kind: "contrast", what: name(el), detail: `${ratio.toFixed(2)}:1 (${style.color} on rgb(${Math.round(under.r)}, ${Math.round(under.g)}, ${Math.round(under.b)}))` });
  }

  // 7. No icon drawn as its ligature name (zmp-ui's CDN font missing).
  const iconName = document.body.innerText.match(/\bzi_[a-z_]+/);
  if (iconName) problems.push({ kind: "icon-name", what: "body", detail: `shows "${iconName[0]}"` });
  return problems;
}
