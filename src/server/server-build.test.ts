import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, WORKER_MODULES } from "../../.config/build-server.mjs";
import type { RosterImportResponse } from "../domain/units/roster.schema";
import { multipartFile, XLSX_TYPE, xlsxOf } from "./features/units/units.test-helpers";
import { freePort } from "./test/embedded-postgres";
import { UPLOAD_WORKER_MODULES } from "./shared/uploads/worker-pool";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * `npm start` and `npm run serve` run the API from the build (.config/build-server.mjs), not from the
 * sources: the built server boots, answers, and an XLSX roster is read in the upload worker, which
 * loads its module by path (the one place a bundle could lose a file).
 */
describe("the API built for production", () => {
  let outdir: string;
  let dataDir: string;
  let child: ChildProcess;
  let base: string;
  let output = "";

  beforeAll(async () => {
    // Inside the checkout, so the packages resolve from node_modules as they do for dist/server.
    outdir = mkdtempSync(path.join(ROOT, "node_modules", ".cache", "hvai-build-test-"));
    dataDir = mkdtempSync(path.join(tmpdir(), "hvai-build-data-"));
    await buildServer({ outdir });
    const port = await freePort();
    child = spawn(process.execPath, [path.join(outdir, "server.mjs")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: "development", HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: path.join(dataDir, "db.sqlite"), AUTH_DEV: "1", LOG_LEVEL: "warn", REMINDERS_WORKER: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the built server exited (${child.exitCode}):\n${output}`);
      const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
      if (up) break;
      if (i > 300) throw new Error(`the built server did not answer in 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    if (outdir) rmSync(outdir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("saves V8's code cache as soon as it listens, before any traffic (ADR 0012)", () => {
    // The server is still running: the cache was not saved at exit.
    expect(readdirSync(outdir).filter((f) => f.endsWith(".v8cache"))).toHaveLength(1);
  });

  it("emits every module the upload pool loads by path", () => {
    expect([...WORKER_MODULES]).toEqual([...UPLOAD_WORKER_MODULES]);
  });

  /** Packages the bundle requires when it is evaluated (its top-level `require`s); node: modules left out. */
  const packagesAtStart = () =>
    [...readFileSync(path.join(outdir, "server.cjs"), "utf8").matchAll(/^var [\w$]+ = (?:__toESM\()?require\("([^"]+)"\)/gm)].map((m) => m[1]!).filter((s) => !s.startsWith("node:"));

  it("does not load at start-up the packages only exports, uploads or PostgreSQL need (heavy-libs.ts: a shorter boot after a crash)", () => {
    const loadedAtStart = packagesAtStart();
    expect(loadedAtStart).toContain("better-sqlite3");
    for (const lazy of ["pg", "yauzl", "yazl", "file-type", "exceljs", "pdf-lib", "@pdf-lib/fontkit", "qrcode"]) expect(loadedAtStart).not.toContain(lazy);
  });

  it("bundles the packages it needs at start-up instead of resolving their files one by one (a shorter boot)", () => {
    expect(new Set(packagesAtStart())).toEqual(new Set(["better-sqlite3", "piscina", "@fastify/swagger-ui"]));
  });

  it("boots, signs in and reads an XLSX roster in the upload worker", async () => {
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);

    const signIn = await fetch(`${base}/api/auth/dev`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Ban Tổ Chức", role: "organizer" }) });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };

    const file = await xlsxOf([["Họ và tên", "Số điện thoại"], ["Vũ Thị Ánh", "0978123456"], ["Ngô Thị Huệ", "0356111222"]]);
    const { payload, headers } = multipartFile("danh-sach.xlsx", file, XLSX_TYPE);
    const res = await fetch(`${base}/api/units/10507/roster`, { method: "POST", headers: { ...headers, authorization: `Bearer ${token}` }, body: payload });
    expect(res.status, output).toBe(200);
    const report = (await res.json()) as RosterImportResponse;
    expect(report).toMatchObject({ format: "xlsx", sheet: "Danh sách" });
    expect(report.rows.map((r) => [r.status, r.fullName, r.phone])).toEqual([
      ["created", "Vũ Thị Ánh", "0978123456"],
      ["created", "Ngô Thị Huệ", "0356111222"],
    ]);
  });
});
