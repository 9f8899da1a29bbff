import { performance } from "node:perf_hooks";
import { createDb } from "../db/database";
import { bankIdOf, decodeOptionOrder } from "../../domain/quiz/paper";
import { benchDatabase, machine, startBenchServer } from "./bench-common";
import type { BenchTaker } from "./bench-server";
import { fmt, Http, type HttpResult, numberArg, peakRssMiB, percentile } from "./load";

/**
 * npm run bench:surge [-- --takers 20000 --concurrency 200]
 * The last hours before the deadline: N takers, all queued at once, each opens the test page,
 * starts, loads the paper, saves 30 answers and submits, on SQLite. Then the API is killed
 * with SIGKILL (a crash, no clean shutdown) and every acknowledged answer is looked up in the
 * database file: a missing or older one is a lost answer.
 */

const argv = process.argv.slice(2);
const takers = numberArg(argv, "takers", 20_000);
const concurrency = numberArg(argv, "concurrency", 200);
const RETRIES = 3;

type Acked = { attemptId: string; questionId: string; optionId: string; seq: number };
type Kind = "status" | "start" | "paper" | "save" | "submit";

const latencies: Record<Kind, number[]> = { status: [], start: [], paper: [], save: [], submit: [] };
let failedRequests = 0;
let retried = 0;
const acked: Acked[] = [];
const submitted = new Map<string, { correctCount: number; score: number }>();
let finishedTakers = 0;
let abandoned = 0;
const firstErrors: string[] = [];

/** Like the app's outbox: retry on no answer or a 5xx, give up after a few tries. */
async function call(http: Http, kind: Kind, method: string, path: string, token: string, body?: unknown): Promise<HttpResult | null> {
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    const res = await http.request(method, path, { headers: { authorization: `Bearer ${token}` }, body });
    if (res.status === 200) {
      latencies[kind].push(res.ms);
      return res;
    }
    failedRequests++;
    if (firstErrors.length < 5) firstErrors.push(`${kind} ${res.status} ${res.body.slice(0, 200)}`);
    if (res.status !== 0 && res.status < 500) return null;
    retried++;
    await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
  }
  return null;
}

async function takeTest(http: Http, t: BenchTaker): Promise<void> {
  const token = t.token!;
  const status = await call(http, "status", "GET", "/api/quiz", token);
  if (!status || !JSON.parse(status.body).canStart) return void abandoned++;
  const start = await call(http, "start", "POST", "/api/quiz/attempts", token);
  if (!start) return void abandoned++;
  const attemptId = JSON.parse(start.body).attempt.id as string;
  const paperRes = await call(http, "paper", "GET", `/api/quiz/attempts/${attemptId}`, token);
  if (!paperRes) return void abandoned++;
  const paper = JSON.parse(paperRes.body) as { questions: { id: string; options: { id: string }[] }[] };
  for (const q of paper.questions) {
    const optionId = q.options[Math.floor(Math.random() * q.options.length)]!.id;
    const res = await call(http, "save", "PUT", `/api/quiz/attempts/${attemptId}/answers/${q.id}`, token, { optionId, seq: 1 });
    if (res) acked.push({ attemptId, questionId: q.id, optionId, seq: 1 });
  }
  const done = await call(http, "submit", "POST", `/api/quiz/attempts/${attemptId}/submit`, token);
  if (!done) return void abandoned++;
  const { result } = JSON.parse(done.body) as { result: { correctCount: number; score: number } };
  submitted.set(attemptId, result);
  finishedTakers++;
}

async function main() {
  console.log(`bench:surge — ${takers} takers queued at once, ${concurrency} in flight, each: status, start, paper, 30 answer saves, submit; SQLite WAL synchronous=FULL`);
  console.log(`machine: ${machine()}`);
  const database = await benchDatabase("sqlite");
  const seedStart = performance.now();
  const server = await startBenchServer("api", database.url, takers);
  console.log(`seeded ${takers} people who finished the lessons in ${fmt((performance.now() - seedStart) / 1000)} s; API pid ${server.ready.pid}`);

  // Ctrl-C: stop the API and remove the temporary database rather than leave them behind.
  process.once("SIGINT", () => void server.stop().then(() => database.drop()).then(() => process.exit(130)));
  const http = new Http(server.baseUrl, concurrency);
  const queue = [...server.ready.takers];
  const started = performance.now();
  const progress = setInterval(() => {
    const done = finishedTakers + abandoned;
    const s = (performance.now() - started) / 1000;
    console.log(`  ${fmt(s, 0)} s: ${done}/${takers} takers done, ${acked.length} answers acknowledged, ${fmt(acked.length / s, 0)} saves/s`);
  }, 10_000);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) await takeTest(http, t);
    }),
  );
  clearInterval(progress);
  const seconds = (performance.now() - started) / 1000;
  const rss = peakRssMiB(server.ready.pid);
  http.close();
  // A crash, not a clean shutdown: whatever was acknowledged must already be on disk.
  await server.stop(process.env.BENCH_CPU_PROF ? "SIGTERM" : "SIGKILL");

  const { db } = createDb(database.url);
  const stored = new Map<string, { optionId: string; seq: number }>();
  for (const r of await db.selectFrom("quizAnswers").select(["attemptId", "questionId", "optionId", "seq"]).execute())
    stored.set(`${r.attemptId}/${r.questionId}`, { optionId: r.optionId, seq: Number(r.seq) });
  const orders = new Map<string, string[]>();
  const keys = new Map<string, string>();
  for (const r of await db.selectFrom("quizAttemptQuestions").select(["attemptId", "questionId", "optionOrder", "correctOptionId"]).execute()) {
    orders.set(`${r.attemptId}/${r.questionId}`, decodeOptionOrder(r.optionOrder));
    keys.set(`${r.attemptId}/${r.questionId}`, r.correctOptionId);
  }
  let lost = 0;
  const correctByAttempt = new Map<string, number>();
  for (const a of acked) {
    const k = `${a.attemptId}/${a.questionId}`;
    const bankId = bankIdOf(orders.get(k) ?? [], a.optionId);
    const s = stored.get(k);
    if (!s || s.seq < a.seq || (s.seq === a.seq && s.optionId !== bankId)) lost++;
    if (bankId && bankId === keys.get(k)) correctByAttempt.set(a.attemptId, (correctByAttempt.get(a.attemptId) ?? 0) + 1);
  }
  let scoreMismatches = 0;
  const rows = await db.selectFrom("quizAttempts").select(["id", "status", "correctCount"]).where("status", "!=", "active").execute();
  const closed = new Map(rows.map((r) => [r.id, r]));
  for (const [attemptId, result] of submitted) {
    if (result.correctCount !== (correctByAttempt.get(attemptId) ?? 0) || closed.get(attemptId)?.correctCount !== result.correctCount) scoreMismatches++;
  }
  await db.destroy();
  await database.drop();

  const all = Object.values(latencies).flat().sort((a, b) => a - b);
  const line = (name: string, list: number[]) => {
    const s = [...list].sort((a, b) => a - b);
    return `  ${name.padEnd(8)} ${String(s.length).padStart(8)} ok   p50 ${fmt(percentile(s, 50), 1).padStart(7)} ms   p99 ${fmt(percentile(s, 99), 1).padStart(8)} ms`;
  };
  console.log(`\nresult after ${fmt(seconds)} s (${fmt(all.length / seconds, 0)} requests/s, ${fmt(acked.length / seconds, 0)} answer saves/s):`);
  console.log(`  takers finished: ${finishedTakers}/${takers}   gave up: ${abandoned}`);
  console.log(`  errors: ${failedRequests} failed requests (${retried} retried)${firstErrors.length ? `\n    e.g. ${firstErrors.join("\n    e.g. ")}` : ""}`);
  console.log(`  lost answers (acknowledged, then missing after SIGKILL): ${lost} of ${acked.length}`);
  console.log(`  scores that differ from the acknowledged answers: ${scoreMismatches} of ${submitted.size}`);
  console.log(`  peak RSS of the API process: ${rss === null ? "n/a" : `${fmt(rss, 0)} MiB`}`);
  console.log(line("all", all));
  for (const kind of Object.keys(latencies) as Kind[]) console.log(line(kind, latencies[kind]));
  if (lost || scoreMismatches || abandoned) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
