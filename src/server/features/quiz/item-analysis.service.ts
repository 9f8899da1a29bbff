import { blankWorkbook } from "../../shared/xlsx";
import { analyseItems, analyseTest } from "../../../domain/quiz/item-analysis";
import type { ItemAnalysisResponse, WeakTopicsResponse } from "../../../domain/quiz/item-analysis.schema";
import type { AppContext } from "../../app-context";
import { bankOf } from "./quiz-attempts";
import { type AttemptScope, answerCells, rightByQuestion, splitCells, totalCells } from "./item-analysis.repository";

export async function itemAnalysis(ctx: AppContext, scope: AttemptScope): Promise<ItemAnalysisResponse> {
  const [rows, totals] = await Promise.all([answerCells(ctx.db, scope), totalCells(ctx.db, scope)]);
  const { cells, options } = splitCells(rows);
  // Every version's questions: retired and replaced questions still have their texts.
  const bank = await bankOf(ctx);
  const optionIds = new Map([...bank.values()].map((q) => [q.id, q.options.map((o) => ({ id: o.id, isKey: o.id === q.correctOptionId }))]));
  const stats = analyseItems(cells, options, optionIds);
  const test = analyseTest(totals, stats, ctx.pack.quiz.questionCount);
  const items = stats.map((s) => {
    const q = bank.get(s.questionId);
    const label = (id: string | null) => (id === null ? "(bỏ trống)" : (q?.options.find((o) => o.id === id)?.text ?? id));
    return {
      ...s,
      lessonId: q?.lessonId ?? null,
      difficulty: q?.difficulty ?? null,
      stem: q?.stem ?? "(câu hỏi không còn trong ngân hàng)",
      options: s.options.map((o) => ({ ...o, label: label(o.optionId) })),
    };
  });
  return { attempts: scope, test, items };
}

const FLAG_TEXT: Record<string, string> = {
  too_hard: "Quá khó",
  too_easy: "Quá dễ",
  low_discrimination: "Độ phân biệt thấp",
  key_avoided_by_strong: "Người giỏi tránh đáp án đúng",
  distractor_unused: "Có phương án nhiễu không ai chọn",
  distractor_attracts_strong: "Phương án nhiễu hút người giỏi",
};

export async function itemAnalysisXlsx(result: ItemAnalysisResponse): Promise<Buffer> {
  const wb = await blankWorkbook();
  const sheet = wb.addWorksheet("Phân tích câu hỏi");
  sheet.addRow(["Mã câu", "Bài", "Độ khó", "Câu hỏi", "Số người gặp (n)", "Độ dễ", "Chỉ số phân biệt (%)", "Hiệu quả phân biệt (%)", "Cần xem lại"]).font = { bold: true };
  for (const i of result.items) {
    sheet.addRow([i.questionId, i.lessonId, i.difficulty, i.stem, i.n, i.facility, i.discrimination, i.efficiency, i.flags.map((f) => FLAG_TEXT[f]).join("; ")]);
  }
  sheet.getColumn(4).width = 60;
  const opts = wb.addWorksheet("Phương án");
  opts.addRow(["Mã câu", "Phương án", "Đáp án đúng", "Số người chọn", "Tỷ lệ chọn", "Điểm TB của người chọn"]).font = { bold: true };
  for (const i of result.items) for (const o of i.options) opts.addRow([i.questionId, o.label, o.isKey ? "x" : "", o.count, o.share, o.meanTotal]);
  const test = wb.addWorksheet("Toàn bài");
  test.addRows([
    ["Số bài làm", result.test.attempts],
    ["Trung bình (số câu đúng)", result.test.mean],
    ["Trung vị", result.test.median],
    ["Độ lệch chuẩn", result.test.sd],
    ["Hệ số tin cậy KR-20", result.test.kr20],
    [],
    ["Số câu đúng", "Số bài"],
    ...result.test.histogram.map((h) => [h.total, h.count]),
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Share of right answers per lesson, the unit against the city: which lesson to revisit. */
export async function weakTopics(ctx: AppContext, unitCode: string): Promise<WeakTopicsResponse> {
  const [unit, city] = await Promise.all([rightByQuestion(ctx.db, unitCode), rightByQuestion(ctx.db, null)]);
  const lessonOf = new Map([...(await bankOf(ctx)).values()].map((q) => [q.id, q.lessonId]));
  const sum = (rows: typeof unit) => {
    const by = new Map<string, { answers: number; right: number }>();
    for (const r of rows) {
      const lesson = lessonOf.get(r.questionId);
      if (!lesson) continue;
      const acc = by.get(lesson) ?? { answers: 0, right: 0 };
      acc.answers += r.answers;
      acc.right += r.right;
      by.set(lesson, acc);
    }
    return by;
  };
  const u = sum(unit);
  const c = sum(city);
  return {
    unitCode,
    lessons: ctx.pack.lessons.map((l) => {
      const ur = u.get(l.id);
      const cr = c.get(l.id);
      return {
        lessonId: l.id,
        title: l.title,
        unitAnswers: ur?.answers ?? 0,
        unitShareRight: ur?.answers ? ur.right / ur.answers : null,
        cityShareRight: cr?.answers ? cr.right / cr.answers : null,
      };
    }),
  };
}
