import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../../.config/build-server.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The built API runs its bundle through V8's code cache (code-cache.mjs): after a crash the
 * restarted process skips parsing and compiling what the first one compiled. Each run here stops
 * right after the bundle is evaluated (an invalid environment), which is when the cache is saved.
 */
describe("the build's code cache", () => {
  let outdir: string;
  const cacheFiles = () => readdirSync(outdir).filter((f) => f.endsWith(".v8cache"));
  const run = (nodeArgs: string[] = [], env: Record<string, string> = { NODE_ENV: "production", SESSION_SECRET: "short" }) =>
    spawnSync(process.execPath, [...nodeArgs, path.join(outdir, "server.mjs")], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, encoding: "utf8", timeout: 30_000 });

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(ROOT, "node_modules", ".cache", "hvai-code-cache-test-"));
    await buildServer({ outdir });
  }, 60_000);
  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it("is made by the first run, used as it is by the next, and replaced when V8 rejects it", () => {
    expect(cacheFiles()).toEqual([]);
    const first = run();
    // The bundle ran: the environment was read and refused in Vietnamese.
    expect(first.stderr).toContain("Không thể khởi động Học vụ AI");
    const [name] = cacheFiles();
    expect(name).toMatch(/^server\.[0-9a-f]{16}\.v8cache$/);
    const file = path.join(outdir, name!);
    const made = statSync(file);
    expect(made.size).toBeGreaterThan(100_000);

    expect(run().stderr).toContain("Không thể khởi động Học vụ AI");
    // Accepted: left untouched (a rewrite is a new file renamed over it).
    expect(statSync(file).ino).toBe(made.ino);

    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(run().stderr).toContain("Không thể khởi động Học vụ AI");
    const remade = readFileSync(file);
    expect(remade.length).toBeGreaterThan(100_000);
    expect(remade.equals(Buffer.alloc(remade.length, 7))).toBe(false);
    expect(cacheFiles()).toEqual([name]); // no temporary file left behind
  });

  it("is left aside with --enable-source-maps, so that stack traces name the TypeScript files", () => {
    for (const f of cacheFiles()) rmSync(path.join(outdir, f));
    // A data folder under a file: start-up fails with a stack, printed by server.ts.
    const env = { AUTH_DEV: "1", REMINDERS_WORKER: "0", DATABASE_URL: "/etc/passwd/db.sqlite", LOG_LEVEL: "warn" };
    const mapped = run(["--enable-source-maps"], env);
    expect(mapped.stderr).toMatch(/at buildApp \(.*src\/server\/app\.ts:\d+:\d+\)/);
    expect(cacheFiles()).toEqual([]);
    const plain = run([], env);
    expect(plain.stderr).toMatch(/at buildApp \(.*server\.cjs:\d+:\d+\)/);
    expect(cacheFiles()).toHaveLength(1);
  });

  it("is named after the bundle it was made for, and a new build removes the old ones", async () => {
    writeFileSync(path.join(outdir, "server.0123456789abcdef.v8cache"), "an earlier build's cache");
    await buildServer({ outdir });
    expect(cacheFiles()).toEqual([]);
    const entry = readFileSync(path.join(outdir, "server.mjs"), "utf8");
    expect(entry).toMatch(/"server\.[0-9a-f]{16}\.v8cache"/);
  }, 60_000);
});
