import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webApp, { IMMUTABLE } from "./web-app";

const JS = `console.log(${JSON.stringify("Học vụ AI ".repeat(400))});`;

describe("web-app: the built mini app served by the API", () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "www-"));
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "index.html"), `<!doctype html><html><head><title>Học vụ AI</title></head><body><div id="app"></div></body></html>`);
    writeFileSync(path.join(dir, "app-config.json"), `{"app":{"title":"Học vụ AI"}}`);
    const js = path.join(dir, "assets/index.CEom3sIt.module.js");
    writeFileSync(js, JS);
    writeFileSync(`${js}.br`, brotliCompressSync(JS));
    writeFileSync(`${js}.gz`, gzipSync(JS));
    app = Fastify();
    await app.register(webApp, { wwwDir: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends hashed files compressed (brotli, else gzip) with a year of immutable caching", async () => {
    const url = "/assets/index.CEom3sIt.module.js";
    const br = await app.inject({ url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe(IMMUTABLE);
    expect(br.rawPayload.length).toBeLessThan(JS.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(JS);

    const gz = await app.inject({ url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(JS);

    const plain = await app.inject({ url, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(JS);
  });

  it("revalidates index.html and unhashed files on every load, and compresses index.html too", async () => {
    for (const url of ["/", "/learn/bai-01", "/zapps/local/test"]) {
      const res = await app.inject({ url, headers: { "accept-encoding": "gzip, br" } });
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.headers["content-encoding"]).toBe("br");
      expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<head><base href="/">');
    }
    const plain = await app.inject({ url: "/" });
    expect(plain.body).toContain("<title>Học vụ AI</title>");
    const config = await app.inject({ url: "/app-config.json" });
    expect(config.headers["cache-control"]).toBe("no-cache");
  });

  it("keeps JSON 404s for unknown API paths", async () => {
    const res = await app.inject({ url: "/api/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
  });
});
