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
});
