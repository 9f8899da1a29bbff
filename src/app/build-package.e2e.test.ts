import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The browser project's global setup has just run the production build into www/.
const WWW = path.resolve(__dirname, "../../www");
const MB = 1024 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("the mini-app package (www/) that zmp deploy uploads", () => {
  it("stays within Zalo's limits: 3 MB a file, 10 MB in all, and carries no video", () => {
    const all = files(WWW);
    const sizes = all.map((f) => statSync(f).size);
    expect(Math.max(...sizes)).toBeLessThan(3 * MB);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(10 * MB);
    expect(all.filter((f) => /\.(mp4|webm|mov)$/i.test(f))).toEqual([]);
  });

  it("has the app-config.json Zalo's runtime loads, listing the built CSS and entry script", () => {
    const config = JSON.parse(readFileSync(path.join(WWW, "app-config.json"), "utf8"));
    expect(config.app.title).toBe("Học vụ AI");
    expect(config.listSyncJS.length).toBeGreaterThan(0);
    expect(config.listCSS.length).toBeGreaterThan(0);
    for (const f of [...config.listSyncJS, ...config.listCSS]) expect(statSync(path.join(WWW, f)).isFile()).toBe(true);
  });

  it("contains no server secret or server-only setting", () => {
    const bundle = files(WWW)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    for (const leak of ["SESSION_SECRET", "ZALO_APP_SECRET", "dev-only-session-secret", "ZALO_NOTIFICATION_API_KEY", "DATABASE_URL", "appsecret_proof"]) {
      expect(bundle.includes(leak), leak).toBe(false);
    }
  });

  it("keeps the first screen light: its bundle carries no unit dashboard, organiser, roster-import, review or attempt code", () => {
    const config = JSON.parse(readFileSync(path.join(WWW, "app-config.json"), "utf8"));
    const entry = config.listSyncJS.map((f: string) => readFileSync(path.join(WWW, f), "utf8")).join("\n");
    // Each string appears only on a page that loads on demand.
    for (const later of ["Báo cáo toàn thành phố", "Tải lên và đối chiếu", "Danh sách chưa hoàn thành", "Xác nhận nộp bài", "Đáp án đúng"]) {
      expect(entry.includes(later), later).toBe(false);
    }
    const chunks = files(path.join(WWW, "assets")).filter((f) => f.endsWith(".module.js"));
    expect(chunks.length).toBeGreaterThan(5);
  });

  it("paints a splash from index.html alone and needs no outside host (icons ship in the package)", () => {
    const html = readFileSync(path.join(WWW, "index.html"), "utf8");
    const app = html.slice(html.indexOf('<div id="app">'), html.indexOf("<noscript>"));
    expect(app).toContain("Học vụ AI");
    expect(app).toContain("Ứng dụng AI trong thực thi nhiệm vụ của các cơ quan hành chính");
    expect(app).toContain("boot-spin");
    const css = files(WWW).filter((f) => f.endsWith(".css")).map((f) => readFileSync(f, "utf8")).join("\n");
    expect(css).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
    expect(css).not.toContain("h5.zadn.vn");
  });

  it("writes brotli and gzip copies beside the text files the API serves", () => {
    for (const f of files(WWW).filter((f) => /\.(js|css)$/.test(f) && statSync(f).size >= 1024)) {
      expect(statSync(`${f}.br`).size, f).toBeLessThan(statSync(f).size);
      expect(statSync(`${f}.gz`).size, f).toBeLessThan(statSync(f).size);
    }
  });
});
