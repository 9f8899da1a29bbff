import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import react from "@vitejs/plugin-react";
import Fastify, { type FastifyInstance } from "fastify";
import { type Browser, chromium } from "playwright-core";
import { build, type InlineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";
import { precompress } from "../../../.config/vite-precompress";
import webApp from "../plugins/web-app";
import { machine } from "./bench-common";

/**
 * npm run bench:web [-- --runs 5]
 * Builds the mini app and a bare zmp-ui + zmp-sdk + recoil skeleton (./web-skeleton), serves
 * both through the same web-app plugin (pre-compressed, same caching), and loads each in
 * headless Chromium at a 360×740 phone viewport under slow 4G (562.5 ms RTT, 1.47 Mbit/s down)
 * and 4× CPU throttling, with a cold cache, runs interleaved. Prints the gzip bytes of the
 * first load (HTML + JS + CSS + fonts), the median first contentful paint and the median time
 * until the first screen's button is on screen, and the ratios app/skeleton.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../../..");
const argv = process.argv.slice(2);
const runsAt = argv.indexOf("--runs");
const RUNS = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 5) : 5;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Lighthouse's "slow 4G" (= DevTools' Fast 3G): 150 ms × 3.75 RTT, 1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up. */
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
const CPU_SLOWDOWN = 4;

type Target = { name: string; baseUrl: string; server: FastifyInstance };
type Run = { fcp: number; ready: number; transfer: number; urls: string[] };

async function buildInto(outDir: string, config: InlineConfig): Promise<void> {
  await build({ ...config, logLevel: "error", mode: "production", build: { ...config.build, outDir, emptyOutDir: true } });
}

async function serve(name: string, wwwDir: string): Promise<Target> {
  const server = Fastify({ logger: false });
  await server.register(webApp, { wwwDir });
  await server.listen({ host: "127.0.0.1", port: 0 });
  // zmp-sdk only behaves as a browser SDK on "localhost".
  return { name, server, baseUrl: `http://localhost:${(server.server.address() as AddressInfo).port}` };
}

/** What the file costs gzipped on the wire: ask the server for gzip and count the body bytes. */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => (n += c.length));
      res.on("end", () => resolve(n));
    })
      .on("error", reject)
      .end();
  });
}

async function loadOnce(browser: Browser, target: Target): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "vi-VN" });
  // Nothing may come from an outside host: the measure is what this server sends.
  await context.route(/^https?:\/\/(?!localhost[:/])/, (r) => r.abort());
  const page = await context.newPage();
  // When the first button of the app's own UI appears (the sign-in button; the skeleton's button).
  await page.addInitScript(() => {
    const w = window as unknown as { __ready?: number };
    new MutationObserver((_m, obs) => {
      if (!w.__ready && document.querySelector("#app button")) {
        w.__ready = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let transfer = 0;
  const urls = new Map<string, string>();
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => (transfer += e.encodedDataLength));
  await page.goto(target.baseUrl, { waitUntil: "load", timeout: 120_000 });
  await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready, null, { timeout: 120_000, polling: 100 });
  await page.waitForLoadState("networkidle");
  const { fcp, ready } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    ready: (window as unknown as { __ready: number }).__ready,
  }));
  await context.close();
  return { fcp, ready, transfer, urls: [...urls.values()] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${Math.round(n)} ms`;

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), "bench-web-"));
  const appDir = path.join(work, "app");
  const skeletonDir = path.join(work, "skeleton");
  console.log(`bench:web on ${machine()}`);
  console.log("building the app and the bare zmp-ui skeleton …");
  await buildInto(appDir, { configFile: path.join(ROOT, "vite.config.ts") });
  await buildInto(skeletonDir, { configFile: false, root: path.join(HERE, "web-skeleton"), plugins: [react(), zaloMiniApp(), precompress()] });
  const targets = [await serve("app", appDir), await serve("skeleton", skeletonDir)];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const t of i % 2 ? [...targets].reverse() : targets) runs.get(t.name)!.push(await loadOnce(browser, t));
      process.stdout.write(`  run ${i + 1}/${RUNS} done\n`);
    }
    const summary = new Map<string, { gzip: number; transfer: number; fcp: number; ready: number }>();
    for (const t of targets) {
      const rs = runs.get(t.name)!;
      const files = [...new Set(rs[0]!.urls.filter((u) => u.startsWith(t.baseUrl) && !/\/(api|media)\//.test(u)))];
      let gzip = 0;
      for (const u of files) gzip += await gzipBytes(u);
      const s = { gzip, transfer: median(rs.map((r) => r.transfer)), fcp: median(rs.map((r) => r.fcp)), ready: median(rs.map((r) => r.ready)) };
      summary.set(t.name, s);
      console.log(`\n${t.name}: ${files.length} files on first load`);
      for (const u of files) console.log(`  ${u.replace(t.baseUrl, "")}`);
      console.log(`  gzip bytes ${kb(s.gzip)} (on the wire, brotli + headers: ${kb(s.transfer)})`);
      console.log(`  FCP       ${rs.map((r) => ms(r.fcp)).join(", ")} → median ${ms(s.fcp)}`);
      console.log(`  UI ready  ${rs.map((r) => ms(r.ready)).join(", ")} → median ${ms(s.ready)}`);
    }
    const app = summary.get("app")!;
    const floor = summary.get("skeleton")!;
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    console.log(`\nratio app / bare skeleton (slow 4G, ${CPU_SLOWDOWN}× CPU, 360×740, ${RUNS} interleaved runs):`);
    console.log(`  first-load gzip bytes  ${ratio(app.gzip, floor.gzip)}×  (target ≤ 1.5)`);
    console.log(`  median FCP             ${ratio(app.fcp, floor.fcp)}×  (target ≤ 1.2)`);
    console.log(`  median UI ready        ${ratio(app.ready, floor.ready)}×  (first button of the first screen on screen)`);
  } finally {
    await browser.close();
    for (const t of targets) await t.server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
