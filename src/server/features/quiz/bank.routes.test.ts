import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BankPreviewResponse, BankStateResponse } from "../../../domain/quiz/bank.schema";
import type { BankQuestion } from "../../../domain/quiz/question.schema";
import { DIALECTS } from "../../test/dialects";
import { seedPerson } from "../../test/seed";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { bankCsv, multipartFile } from "./bank.test-helpers";
import { keyOf, save, startAndLoad, type Auth } from "./quiz.test-helpers";

/** The same question with its options turned one step (so its key letter changes) and a new stem. */
function reworded(q: BankQuestion): BankQuestion {
  const ids = q.options.map((o) => o.id);
  const texts = q.options.map((o) => o.text);
  const turned = ids.map((id, i) => ({ id, text: texts[(i + 1) % texts.length]! }));
  const correctText = q.options.find((o) => o.id === q.correctOptionId)!.text;
  return { ...q, stem: `Mới: ${q.stem}`, options: turned, correctOptionId: turned.find((o) => o.text === correctText)!.id };
}

describe.each(DIALECTS)("question bank on %s", (dialect) => {
  let t: TestApp;
  let organiser: Auth;
  let counter = 0;
  const taker = async () => (await seedPerson(t, `Người thi ${++counter}`, { unitCode: "10507", lessons: t.pack.lessons.length })).auth;
  const state = async () => (await t.app.inject({ method: "GET", url: "/api/quiz/bank", headers: organiser })).json() as BankStateResponse;
  const upload = async (csv: string, fileName = "ngan-hang.csv") => {
    const { payload, headers } = multipartFile(fileName, csv);
    const res = await t.app.inject({ method: "POST", url: "/api/quiz/bank/uploads", headers: { ...organiser, ...headers }, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as BankPreviewResponse;
  };
  const publish = (version: number) => t.app.inject({ method: "POST", url: `/api/quiz/bank/versions/${version}/publish`, headers: organiser });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    organiser = (await t.signIn("Ban tổ chức", "organizer")).auth;
  });
  afterAll(() => t.close());

  it("starts with the pack's questions.json as version 1, published; only organisers see it", async () => {
    const s = await state();
    expect(s).toMatchObject({ publishedVersion: 1, retiredCount: 0 });
    expect(s.versions).toEqual([expect.objectContaining({ version: 1, status: "published", source: "pack", questionCount: t.pack.questions.length })]);
    const staff = await taker();
    expect((await t.app.inject({ method: "GET", url: "/api/quiz/bank", headers: staff })).statusCode).toBe(403);
    const { payload, headers } = multipartFile("x.csv", bankCsv(t.pack.questions));
    expect((await t.app.inject({ method: "POST", url: "/api/quiz/bank/uploads", headers: { ...staff, ...headers }, payload })).statusCode).toBe(403);
  });

  it("shows every problem of an upload by row and column in Vietnamese, and changes nothing", async () => {
    const preview = await upload(
      bankCsv(t.pack.questions, (row, _q, i) => {
        if (i === 1) row.difficulty = "rất khó";
        if (i === 3) row.correct = "g";
        if (i === 4) row.lesson = "bai-99";
      }),
    );
    expect(preview.draft).toBeNull();
    expect(preview.problems).toEqual([
      { row: 3, column: "difficulty", message: expect.stringContaining("độ khó") },
      { row: 5, column: "correct", message: expect.stringContaining("đáp án") },
      { row: 6, column: "lesson", message: expect.stringContaining("không có bài học") },
    ]);
    expect((await state()).versions).toHaveLength(1);

    // XLSX goes through the same parser: Excel's row numbers, the same messages.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Câu hỏi");
    const [header, ...rows] = Papa.parse<string[]>(bankCsv(t.pack.questions.slice(0, 3)).replace(/^\uFEFF/, "")).data;
    ws.addRow(header!);
    for (const r of rows) ws.addRow(r);
    ws.getCell(3, header!.indexOf("lesson_moment_sec") + 1).value = "99:99";
    const xlsx = multipartFile("ngan-hang.xlsx", Buffer.from(await wb.xlsx.writeBuffer()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const fromXlsx = await t.app.inject({ method: "POST", url: "/api/quiz/bank/uploads", headers: { ...organiser, ...xlsx.headers }, payload: xlsx.payload });
    expect(fromXlsx.json()).toMatchObject({ draft: null, problems: [{ row: 3, column: "lesson_moment_sec", message: expect.stringContaining("mốc thời gian") }] });
    const wrongType = multipartFile("bank.pdf", "%PDF-1.4");
    const refused = await t.app.inject({ method: "POST", url: "/api/quiz/bank/uploads", headers: { ...organiser, ...wrongType.headers }, payload: wrongType.payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("BANK_FILE_INVALID");
  });

  it("keeps a paper drawn before a publish (its questions, texts and key); new papers draw from the new version", async () => {
    const before = await taker();
    const paper = await startAndLoad(t, before);

    const preview = await upload(bankCsv(t.pack.questions.map(reworded)));
    expect(preview).toMatchObject({ problems: [], blueprintProblems: [], questionCount: t.pack.questions.length, draft: { version: 2, status: "draft" } });
    // A draft changes nothing yet.
    expect((await startAndLoad(t, await taker())).questions.every((q) => !q.stem.startsWith("Mới:"))).toBe(true);

    const published = await publish(2);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ publishedVersion: 2 });
    expect(published.json().versions.map((v: { status: string }) => v.status)).toEqual(["published", "archived"]);

    const again = (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${paper.attempt.id}`, headers: before })).json();
    expect(again.questions).toEqual(paper.questions);
    // Answered by the key it was drawn with (version 1's), it scores 100.
    for (const [i, q] of paper.questions.entries()) expect((await save(t, before, paper.attempt.id, q.id, keyOf(t, q).right, i + 1)).statusCode).toBe(200);
    const submitted = await t.app.inject({ method: "POST", url: `/api/quiz/attempts/${paper.attempt.id}/submit`, headers: before });
    expect(submitted.json().result).toMatchObject({ score: 100 });

    const after = await startAndLoad(t, await taker());
    expect(after.questions.every((q) => q.stem.startsWith("Mới:"))).toBe(true);
  });

  it("refuses to publish a bank that cannot fill the paper for every lesson", async () => {
    const lastLesson = t.pack.lessons[t.pack.lessons.length - 1]!.id;
    const preview = await upload(bankCsv(t.pack.questions.filter((q) => q.lessonId !== lastLesson)));
    expect(preview.problems).toEqual([]);
    expect(preview.blueprintProblems).toEqual([expect.stringContaining(lastLesson)]);
    const refused = await publish(preview.draft!.version);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("BANK_BLUEPRINT");
    expect((await state()).publishedVersion).toBe(2);
  });

  it("restores the previous version", async () => {
    const restored = await publish(1);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().publishedVersion).toBe(1);
    expect((await publish(1)).json().error.code).toBe("BANK_VERSION_NOT_PUBLISHABLE");
    expect((await publish(99)).statusCode).toBe(404);
    const paper = await startAndLoad(t, await taker());
    expect(paper.questions.every((q) => !q.stem.startsWith("Mới:"))).toBe(true);
  });

  it("never draws a retired question again, keeps it on papers that hold it, and refuses to retire below the blueprint", async () => {
    const lesson = t.pack.lessons[0]!.id;
    const ofLesson = t.pack.questions.filter((q) => q.lessonId === lesson);
    const holder = await taker();
    const held = await startAndLoad(t, holder);
    const onPaper = held.questions.find((q) => ofLesson.some((b) => b.id === q.id))!;
    const toRetire = [onPaper.id, ...ofLesson.map((q) => q.id).filter((id) => id !== onPaper.id)].slice(0, ofLesson.length - 2);
    for (const id of toRetire) {
      const res = await t.app.inject({ method: "POST", url: `/api/quiz/bank/questions/${id}/retire`, headers: organiser, payload: { reason: "Nội dung đã cũ" } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id, retired: true });
    }
    const kept = ofLesson.map((q) => q.id).filter((id) => !toRetire.includes(id));
    const tooMany = await t.app.inject({ method: "POST", url: `/api/quiz/bank/questions/${kept[0]}/retire`, headers: organiser, payload: {} });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.code).toBe("BANK_BLUEPRINT");

    const retired = new Set(toRetire);
    for (let i = 0; i < 15; i++) {
      const paper = await startAndLoad(t, await taker());
      expect(paper.questions).toHaveLength(30);
      expect(paper.questions.filter((q) => retired.has(q.id))).toEqual([]);
      // The lesson's paper share (2) can now only come from the two questions left.
      expect(paper.questions.filter((q) => ofLesson.some((b) => b.id === q.id)).map((q) => q.id).sort()).toEqual([...kept].sort());
    }
    const still = (await t.app.inject({ method: "GET", url: `/api/quiz/attempts/${held.attempt.id}`, headers: holder })).json();
    expect(still.questions).toEqual(held.questions);
    expect((await state()).retiredCount).toBe(toRetire.length);
  });

  it("browses and searches by lesson, difficulty and text; opens a question with its explanation and lesson moment", async () => {
    const q = t.pack.questions.find((x) => x.lessonId === "bai-02" && x.difficulty === "easy")!;
    const byLesson = (await t.app.inject({ method: "GET", url: "/api/quiz/bank/questions?lesson=bai-02&difficulty=easy", headers: organiser })).json();
    expect(byLesson.version).toBe(1);
    expect(byLesson.questions.length).toBe(t.pack.questions.filter((x) => x.lessonId === "bai-02" && x.difficulty === "easy").length);
    expect(byLesson.questions.every((x: { lessonId: string; difficulty: string }) => x.lessonId === "bai-02" && x.difficulty === "easy")).toBe(true);
    // Search ignores Vietnamese accents and case.
    const words = q.stem.split(/\s+/).slice(0, 4).join(" ");
    const folded = words.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").toUpperCase();
    const search = (await t.app.inject({ method: "GET", url: `/api/quiz/bank/questions?q=${encodeURIComponent(folded)}`, headers: organiser })).json();
    expect(search.questions.map((x: { id: string }) => x.id)).toContain(q.id);
    const inV2 = (await t.app.inject({ method: "GET", url: "/api/quiz/bank/questions?q=M%E1%BB%9Bi%3A&version=2", headers: organiser })).json();
    expect(inV2.total).toBe(t.pack.questions.length);

    const detail = (await t.app.inject({ method: "GET", url: `/api/quiz/bank/questions/${q.id}`, headers: organiser })).json();
    expect(detail).toMatchObject({ id: q.id, explanation: q.explanation, correctOptionId: q.correctOptionId, lessonLink: `/learn/bai-02?t=${q.lessonMomentSec}`, versions: [1, 2, 3], retired: false });
    expect((await t.app.inject({ method: "GET", url: "/api/quiz/bank/questions/khong-co", headers: organiser })).json().error.code).toBe("QUESTION_NOT_FOUND");
  });

  it("still finds the texts of questions no longer in the published version (item analysis, question detail)", async () => {
    const analysed = (await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis?attempts=all", headers: organiser })).json();
    const seen = analysed.items[0].questionId as string;
    // A version where that question got a new id: the old id is in no published version any more.
    const preview = await upload(bankCsv(t.pack.questions, (row) => {
      if (row.id === seen) row.id = `${seen}-moi`;
    }));
    expect((await publish(preview.draft!.version)).statusCode).toBe(200);
    const browse = (await t.app.inject({ method: "GET", url: `/api/quiz/bank/questions?q=${seen}`, headers: organiser })).json();
    expect(browse.questions.map((q: { id: string }) => q.id)).toEqual([`${seen}-moi`]);

    const original = t.pack.questions.find((q) => q.id === seen)!;
    const after = (await t.app.inject({ method: "GET", url: "/api/quiz/item-analysis?attempts=all", headers: organiser })).json();
    expect(after.items.find((i: { questionId: string }) => i.questionId === seen)).toMatchObject({ stem: original.stem, lessonId: original.lessonId });
    const detail = (await t.app.inject({ method: "GET", url: `/api/quiz/bank/questions/${seen}`, headers: organiser })).json();
    expect(detail).toMatchObject({ id: seen, explanation: original.explanation });
    expect(detail.versions).not.toContain(preview.draft!.version);
  });

  it("keeps exactly one published version when two drafts are published at the same moment", async () => {
    const a = (await upload(bankCsv(t.pack.questions))).draft!.version;
    const b = (await upload(bankCsv(t.pack.questions))).draft!.version;
    const results = await Promise.all([publish(a), publish(b)]);
    expect(results.map((r) => r.statusCode).filter((c) => c === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    const s = await state();
    expect(s.versions.filter((v) => v.status === "published")).toHaveLength(1);
    expect([a, b]).toContain(s.publishedVersion);
  });
});
