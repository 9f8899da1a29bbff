import type { AttemptResponse, PaperQuestion } from "../../../domain/quiz/quiz.schema";
import type { TestApp } from "../../test/test-app";

import { seedPerson } from "../../test/seed";

/** Kept for the app-side quiz test, which imports it from here; the one definition is in test/seed.ts. */
export { completeLessons } from "../../test/seed";

let takers = 0;
/** A signed-in person (of unit 10507 unless said) who finished every lesson: ready to start the test. */
export function readyTaker(t: TestApp, name = `Người thi ${++takers}`, unitCode = "10507") {
  return seedPerson(t, name, { unitCode, lessons: t.pack.lessons.length });
}

/** The display id (a, b, c…) of the right / a wrong option of a paper question, found through the bank's key. */
export function keyOf(t: Pick<TestApp, "pack">, q: PaperQuestion): { right: string; wrong: string } {
  const bank = t.pack.questions.find((b) => b.id === q.id);
  if (!bank) throw new Error(`question ${q.id} not in the bank`);
  const rightText = bank.options.find((o) => o.id === bank.correctOptionId)!.text;
  const right = q.options.find((o) => o.text === rightText)!.id;
  const wrong = q.options.find((o) => o.id !== right)!.id;
  return { right, wrong };
}

export type Auth = { authorization: string };

export async function startAndLoad(t: TestApp, auth: Auth): Promise<AttemptResponse> {
  const start = await t.app.inject({ method: "POST", url: "/api/quiz/attempts", headers: auth });
  if (start.statusCode !== 200) throw new Error(`start failed: ${start.statusCode} ${start.body}`);
  const res = await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${start.json().attempt.id}`, headers: auth });
  return res.json() as AttemptResponse;
}

export function save(t: TestApp, auth: Auth, attemptId: string, questionId: string, optionId: string, seq: number) {
  return t.app.inject({ method: "PUT", url: `/api/quiz/attempts/${attemptId}/answers/${questionId}`, headers: auth, payload: { optionId, seq } });
}

