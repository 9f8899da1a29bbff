import { statSync } from "node:fs";
import { sql } from "kysely";
import { bankIdOf, decodeOptionOrder } from "../../domain/quiz/paper";
import { scorePaper } from "../../domain/quiz/scoring";
import { createDb, type Dialect, sqlitePath } from "../db/database";
import type { Taker } from "./surge-taker";

/**
 * After the surge, from the database alone: every acknowledged answer is there with the right
 * option and a seq at least as high (a higher one only if the phone really sent it), every closed
 * attempt's score is the score of its stored answers, every submit answered that same score,
 * nobody got two attempts, and the sweeper left nothing open.
 */

export type Audit = {
  attempts: number;
  submitted: number;
  expired: number;
  stillActive: number;
  duplicateAttempts: number;
  ackedAnswers: number;
  lost: number;
  wrongOption: number;
  phantom: number;
  newerThanAcked: number;
  scoreMismatches: number;
  submitMismatches: number;
  examples: string[];
};

const key = (attemptId: string, questionId: string) => `${attemptId}/${questionId}`;

export async function activeAttempts(url: string): Promise<number> {
  const { db } = createDb(url);
  try {
    const r = await db.selectFrom("quizAttempts").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "active").executeTakeFirst();
    return Number(r?.n ?? 0);
  } finally {
    await db.destroy();
  }
}

/** Poll until no attempt is active any more, or `until` (epoch ms) has passed. */
export async function waitForSweeper(url: string, until: number): Promise<void> {
  while ((await activeAttempts(url)) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 2000));
}

export async function auditSurge(url: string, takers: readonly Taker[]): Promise<Audit> {
  const { db } = createDb(url);
  try {
    const attempts = await db.selectFrom("quizAttempts").select(["id", "userId", "status", "score", "correctCount"]).execute();
    const paper = await db.selectFrom("quizAttemptQuestions").select(["attemptId", "questionId", "optionOrder", "correctOptionId"]).execute();
    const answers = await db.selectFrom("quizAnswers").select(["attemptId", "questionId", "optionId", "seq"]).execute();
    const a: Audit = {
      attempts: attempts.length,
      submitted: attempts.filter((r) => r.status === "submitted").length,
      expired: attempts.filter((r) => r.status === "expired").length,
      stillActive: attempts.filter((r) => r.status === "active").length,
      duplicateAttempts: attempts.length - new Set(attempts.map((r) => r.userId)).size,
      ackedAnswers: 0,
      lost: 0,
      wrongOption: 0,
      phantom: 0,
      newerThanAcked: 0,
      scoreMismatches: 0,
      submitMismatches: 0,
      examples: [],
    };
    const note = (s: string) => void (a.examples.length < 6 && a.examples.push(s));
    const orders = new Map(paper.map((p) => [key(p.attemptId, p.questionId), decodeOptionOrder(p.optionOrder)]));
    const stored = new Map(answers.map((r) => [key(r.attemptId, r.questionId), { optionId: r.optionId, seq: Number(r.seq) }]));

    for (const t of takers) {
      if (!t.attemptId) continue;
      for (const [questionId, acked] of t.acked) {
        a.ackedAnswers++;
        const k = key(t.attemptId, questionId);
        const order = orders.get(k) ?? [];
        const s = stored.get(k);
        if (!s || s.seq < acked.seq) {
          a.lost++;
          note(`lost: ${k} acknowledged ${acked.optionId}@${acked.seq}, stored ${s ? `${s.optionId}@${s.seq}` : "nothing"}`);
          continue;
        }
        // The stored answer must be one the phone sent with exactly that seq and option.
        const sentOption = t.sentOption(questionId, s.seq);
        if (s.seq > acked.seq) a.newerThanAcked++;
        if (sentOption === undefined) {
          a.phantom++;
          note(`phantom: ${k} stored ${s.optionId}@${s.seq}, never sent`);
        } else if (bankIdOf(order, sentOption) !== s.optionId) {
          a.wrongOption++;
          note(`wrong option: ${k} seq ${s.seq} sent ${sentOption} (bank ${bankIdOf(order, sentOption)}), stored ${s.optionId}`);
        }
      }
    }

    const keyOf = new Map<string, { questionId: string; correctOptionId: string }[]>();
    for (const p of paper) {
      const list = keyOf.get(p.attemptId) ?? [];
      list.push({ questionId: p.questionId, correctOptionId: p.correctOptionId });
      keyOf.set(p.attemptId, list);
    }
    const answersOf = new Map<string, Map<string, string>>();
    for (const r of answers) {
      const m = answersOf.get(r.attemptId) ?? new Map<string, string>();
      m.set(r.questionId, r.optionId);
      answersOf.set(r.attemptId, m);
    }
    const closed = new Map(attempts.filter((r) => r.status !== "active").map((r) => [r.id, r]));
    for (const r of closed.values()) {
      const s = scorePaper(keyOf.get(r.id) ?? [], answersOf.get(r.id) ?? new Map());
      if (s.correctCount !== r.correctCount || s.score !== Number(r.score)) {
        a.scoreMismatches++;
        note(`score: ${r.id} stored ${r.correctCount} (${r.score}), recomputed ${s.correctCount} (${s.score})`);
      }
    }
    for (const t of takers) {
      if (!t.submitted || !t.attemptId) continue;
      const r = closed.get(t.attemptId);
      if (!r || r.correctCount !== t.submitted.correctCount || Number(r.score) !== t.submitted.score) {
        a.submitMismatches++;
        note(`submit: ${t.attemptId} answered ${t.submitted.correctCount}, stored ${r?.correctCount ?? "nothing"}`);
      }
    }
    return a;
  } finally {
    await db.destroy();
  }
}

/** Bytes on disk: the SQLite file and its WAL, or pg_database_size. */
export async function databaseBytes(url: string, dialect: Dialect): Promise<number> {
  if (dialect === "sqlite") {
    const file = sqlitePath(url);
    const size = (f: string) => {
      try {
        return statSync(f).size;
      } catch {
        return 0;
      }
    };
    return size(file) + size(`${file}-wal`);
  }
  const { db } = createDb(url);
  try {
    const r = await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await db.destroy();
  }
}
