import { execFile, fork } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { benchDatabase, dialectArg } from "./bench-common";
import type { EntriesBenchReady } from "./entries-bench-server";

/**
 * npm run bench:entries [-- --db postgres] — 11 units × 3 contributors saving drafts every 2 s,
 * 10 uploads of 5 MB at once (throughput vs a plain `cp` of the same bytes on the same disk),
 * one 100 MB upload (the API's RSS growth: files stream, never held whole), draft-save p99.
 */
const SERVER = fileURLToPath(new URL("./entries-bench-server.ts", import.meta.url));
const MB = 1024 * 1024;
const run = promisify(execFile);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function makePdf(file: string, bytes: number): Promise<void> {
  const head = Buffer.from("%PDF-1.7\n% bench\n");
  const chunk = Buffer.alloc(MB, 0x41);
  const out = createWriteStream(file);
  out.write(head);
  for (let left = bytes - head.length; left > 0; left -= MB) out.write(left >= MB ? chunk : chunk.subarray(0, left));
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
}

function upload(base: string, code: string, token: string, file: string): Promise<number> {
  const boundary = "----hvaibench";
  const body = new PassThrough();
  body.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const src = createReadStream(file);
  src.pipe(body, { end: false });
  src.on("end", () => body.end(`\r\n--${boundary}--\r\n`));
  return fetch(`${base}/api/entries/stage2/units/${code}/files`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: "half",
  } as RequestInit).then(async (r) => {
    if (!r.ok) throw new Error(`upload ${r.status} ${await r.text()}`);
    return r.status;
  });
}

async function main() {
  const dialect = dialectArg(process.argv);
  const database = await benchDatabase(dialect);
  const work = mkdtempSync(path.join(tmpdir(), "hvai-entries-bench-"));
  const child = fork(SERVER, [], { execArgv: ["--import", "tsx"], env: { ...process.env, BENCH_DATABASE_URL: database.url, BENCH_FILES_DIR: path.join(work, "store") }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = await new Promise<EntriesBenchReady>((res, rej) => {
    child.once("message", (m) => res(m as EntriesBenchReady));
    child.once("exit", (c) => rej(new Error(`bench server exited ${c}`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  const rss = () => new Promise<{ now: number; peak: number }>((res) => {
    child.once("message", (m) => res(m as { now: number; peak: number }));
    child.send({ type: "rss" });
  });
  try {
    // Files on the same disk as the store.
    const files = Array.from({ length: 10 }, (_, i) => path.join(work, `tep-${i}.pdf`));
    for (const f of files) await makePdf(f, 5 * MB);
    const big = path.join(work, "lon.pdf");
    await makePdf(big, 100 * MB);

    // Drafts: every contributor saves every 2 s for 20 s while the 10 uploads run.
    const latencies: number[] = [];
    let conflicts = 0;
    const versions = new Map<string, number>();
    const stopAt = Date.now() + 20_000;
    const saver = async (code: string, token: string, who: number) => {
      await new Promise((r) => setTimeout(r, who * 200));
      for (let n = 0; Date.now() < stopAt; n++) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/entries/stage2/units/${code}/draft`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ baseVersion: versions.get(code) ?? 0, draft: { fields: { title: `Bản nháp ${who}-${n}`, summary: "Nội dung ".repeat(100) } } }),
        });
        latencies.push(performance.now() - t0);
        const json = (await res.json()) as { version?: number; current?: { version: number } };
        if (res.status === 409) conflicts++;
        versions.set(code, json.version ?? json.current?.version ?? versions.get(code) ?? 0);
        await new Promise((r) => setTimeout(r, 2000));
      }
    };
    const savers = ready.units.flatMap((u) => u.tokens.map((t, i) => saver(u.code, t, i)));
    await new Promise((r) => setTimeout(r, 3000));
    const t0 = performance.now();
    await Promise.all(files.map((f, i) => upload(base, ready.units[i]?.code as string, ready.units[i]?.tokens[0] as string, f)));
    const uploadMs = performance.now() - t0;
    await Promise.all(savers);

    // Floor: `cp` of the same 50 MB on the same disk, 10 at once.
    const c0 = performance.now();
    await Promise.all(files.map((f) => run("cp", [f, `${f}.copy`])));
    const cpMs = performance.now() - c0;

    // Memory: one 100 MB upload; growth of the API's RSS over its level just before.
    const before = await rss();
    await upload(base, ready.units[10]?.code as string, ready.units[10]?.tokens[0] as string, big);
    const after = await rss();
    const growth = (after.peak - before.now) / MB;

    const mbps = (ms: number) => (50 / (ms / 1000)).toFixed(1);
    console.log(`entries bench (${dialect}), 11 units × 3 contributors, drafts every 2 s for 20 s`);
    console.log(`  draft saves: ${latencies.length}, 409 conflicts ${conflicts}, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`);
    console.log(`  10 × 5 MB uploads at once: ${uploadMs.toFixed(0)} ms = ${mbps(uploadMs)} MB/s; cp floor ${cpMs.toFixed(0)} ms = ${mbps(cpMs)} MB/s; ratio ${(uploadMs / cpMs).toFixed(1)}× the floor`);
    console.log(`  100 MB upload: API RSS ${(before.now / MB).toFixed(0)} MB → peak ${(after.peak / MB).toFixed(0)} MB, growth ${growth.toFixed(1)} MB (target ≤ 64 MB: ${growth <= 64 ? "met" : "NOT met"})`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await database.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
