import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Linux: the real uid a process runs as (PostgreSQL must never be root). */
function uidOf(pid: number): number | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  return Number(/^Uid:\s+(\d+)/m.exec(readFileSync(status, "utf8"))?.[1]);
}

describe("embedded PostgreSQL for tests", () => {
  it("runs a real server on loopback, not as root, and leaves no process or file after stop", async () => {
    const server = await startEmbeddedPostgres();
    try {
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      const { rows } = await c.query<{ up: string; db: string; v: string }>("select upper('hải phòng') as up, current_database() as db, current_setting('server_version_num') as v");
      await c.end();
      expect(rows[0]).toMatchObject({ up: "HẢI PHÒNG", db: "test" });
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(150000);
      expect(new URL(server.url).hostname).toBe("127.0.0.1");
      const uid = uidOf(server.pid);
      if (uid !== undefined) expect(uid).not.toBe(0);
      expect(alive(server.pid)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(alive(server.pid)).toBe(false);
    expect(existsSync(server.dir)).toBe(false);
  });

  it("a test run killed outright (SIGKILL) still leaves no server and no files behind", async () => {
    const module = path.resolve(__dirname, "embedded-postgres.ts");
    const code = `const { startEmbeddedPostgres } = await import(${JSON.stringify(module)});
const s = await startEmbeddedPostgres();
console.log(JSON.stringify({ pid: s.pid, dir: s.dir }));
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
    const started = await new Promise<{ pid: number; dir: string }>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0] ?? "") as { pid: number; dir: string });
      });
      child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    expect(alive(started.pid)).toBe(true);
    expect(existsSync(started.dir)).toBe(true);
    child.kill("SIGKILL");
    await expect.poll(() => alive(started.pid), { timeout: 15_000, interval: 200 }).toBe(false);
    await expect.poll(() => existsSync(started.dir), { timeout: 5_000, interval: 200 }).toBe(false);
  });
});
