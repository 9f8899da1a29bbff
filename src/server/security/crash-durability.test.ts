import { describe, expect, it } from "vitest";
import { type BenchServer, startBenchServer } from "../bench/bench-common";
import { createDb } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { createTestDatabase, DIALECTS } from "../test/dialects";
import { multipartBody } from "../test/multipart";

const UNIT = "10507";
const rosterCsv = (n: number) => `Họ và tên,Số điện thoại\n${Array.from({ length: n }, (_, i) => `Người ${i + 1},09${String(10_000_000 + i).padStart(8, "0")}`).join("\n")}\n`;
const SIZES = [300, 500];

/**
 * kill -9 while answer saves, progress reports and roster imports are in flight; reopen the database
 * (migrations run again, as at start-up): every acknowledged write is there, no roster is half-imported.
 */
describe.each(DIALECTS)("crash durability on %s", (dialect) => {
  it("keeps every acknowledged write through kill -9", async () => {
    const database = await createTestDatabase(dialect);
    let server: BenchServer | null = null;
    try {
      server = await startBenchServer("api", database.url, 12, ["--start"]);
      const { baseUrl, ready } = server;
      const takers = ready.takers;
      // One of them runs the unit (the organiser imports rosters); promoted through the database.
      const admin = createDb(database.url);
      await admin.db.updateTable("users").set({ role: "organizer" }).where("id", "=", takers[0]!.userId).execute();
      await admin.db.destroy();
      const lessonId = "bai-01";

      const acked = { answers: [] as Array<{ attemptId: string; questionId: string; seq: number }>, progress: [] as Array<{ userId: string; watched: number }>, rosters: [] as number[] };
      let sent = 0;
      let stop = false;
      const call = async (path: string, init: RequestInit) => {
        sent++;
        try {
          return await fetch(`${baseUrl}${path}`, init);
        } catch {
          return null; // the process died under it: not acknowledged
        }
      };
      const saver = async (t: (typeof takers)[number]) => {
        const auth = { authorization: `Bearer ${t.token}`, "content-type": "application/json" };
        for (let seq = 1; !stop; seq++) {
          const q = t.questions![seq % t.questions!.length]!;
          const res = await call(`/api/quiz/attempts/${t.attemptId}/answers/${q.id}`, { method: "PUT", headers: auth, body: JSON.stringify({ optionId: q.options[seq % q.options.length], seq }) });
          if (res?.status === 200) acked.answers.push({ attemptId: t.attemptId!, questionId: q.id, seq });
        }
      };
      const reporter = async (t: (typeof takers)[number]) => {
        const auth = { authorization: `Bearer ${t.token}`, "content-type": "application/json" };
        for (let k = 1; !stop; k++) {
          const res = await call(`/api/lessons/${lessonId}/progress`, { method: "POST", headers: auth, body: JSON.stringify({ intervals: [[0, k]], position: k }) });
          if (res?.status === 200) acked.progress.push({ userId: t.userId, watched: ((await res.json()) as { watchedSec: number }).watchedSec });
        }
      };
      const importer = async () => {
        const auth = { authorization: `Bearer ${takers[0]!.token}` };
        for (let i = 0; !stop; i++) {
          const size = SIZES[i % 2]!;
          const body = multipartBody("ds.csv", rosterCsv(size));
          const res = await call(`/api/units/${UNIT}/roster?replace=1`, { method: "POST", headers: { ...auth, ...body.headers }, body: body.payload });
          if (res?.status === 200) acked.rosters.push(size);
        }
      };
      const load = Promise.all([...takers.slice(1, 7).map(saver), ...takers.slice(7).map(reporter), importer()]);
      // Kill once every kind of write has been acknowledged at least once (a loaded machine may need longer than 1.5 s).
      const started = Date.now();
      while (Date.now() - started < 1500 || ((acked.answers.length === 0 || acked.rosters.length === 0) && Date.now() - started < 30_000))
        await new Promise((r) => setTimeout(r, 100));
      server.child.kill("SIGKILL");
      await new Promise((r) => server!.child.once("exit", r));
      stop = true;
      await load;

      // Restart: open the database again, migrations run as at start-up.
      const reopened = createDb(database.url);
      try {
        await migrateToLatest(reopened.db);
        let lost = 0;
        const latest = new Map<string, number>();
        for (const a of acked.answers) latest.set(`${a.attemptId}|${a.questionId}`, Math.max(latest.get(`${a.attemptId}|${a.questionId}`) ?? 0, a.seq));
        for (const [key, seq] of latest) {
          const [attemptId, questionId] = key.split("|") as [string, string];
          const row = await reopened.db.selectFrom("quizAnswers").select("seq").where("attemptId", "=", attemptId).where("questionId", "=", questionId).executeTakeFirst();
          if (!row || row.seq < seq) lost++;
        }
        const watched = new Map<string, number>();
        for (const p of acked.progress) watched.set(p.userId, Math.max(watched.get(p.userId) ?? 0, p.watched));
        for (const [userId, sec] of watched) {
          const row = await reopened.db.selectFrom("lessonProgress").select("watchedSec").where("userId", "=", userId).where("lessonId", "=", lessonId).executeTakeFirst();
          if (!row || row.watchedSec < sec) lost++;
        }
        const roster = await reopened.db.selectFrom("rosterEntries").select((eb) => eb.fn.countAll<number>().as("n")).where("unitCode", "=", UNIT).executeTakeFirstOrThrow();
        const rosterSize = Number(roster.n);
        const acknowledged = latest.size + watched.size;
        console.info(
          `${dialect}: kill -9 after ${sent} requests: ${acked.answers.length} answer saves, ${acked.progress.length} progress reports and ${acked.rosters.length} roster imports acknowledged; ` +
            `${acknowledged} latest acknowledged values checked, ${acknowledged - lost} found, ${lost} lost; roster ${rosterSize} rows (whole files are ${SIZES.join(" or ")})`,
        );
        expect(acked.answers.length).toBeGreaterThan(0);
        expect(acked.rosters.length).toBeGreaterThan(0);
        expect(lost).toBe(0);
        expect(SIZES).toContain(rosterSize);
      } finally {
        await reopened.db.destroy();
      }
    } finally {
      await server?.stop("SIGKILL");
      await database.drop();
    }
  }, 120_000);
});
