import { blueprintProblems } from "../../../domain/quiz/blueprint";
import type { BankPreviewResponse, BankQuestionDetail, BankQuestionsQuery, BankQuestionsResponse, BankStateResponse, BankVersion } from "../../../domain/quiz/bank.schema";
import { validateQuestionRows } from "../../../domain/quiz/question-import";
import type { BankQuestion } from "../../../domain/quiz/question.schema";
import type { AppContext } from "../../app-context";
import { isUniqueViolation } from "../../db/errors";
import { AppError } from "../../shared/app-error";
import { recordAudit } from "../../shared/audit";
import type { UserRow } from "../auth";
import { findRetired, findVersion, insertRetired, insertVersion, listAllQuestions, listRetired, listVersionQuestions, listVersions, paperVersion, publishedVersionNo, setPublished, versionsOfQuestion } from "./bank.repository";
import type { QuizBankVersionRow } from "./bank.table";
import { parseQuestionSheet, QuestionFileError } from "./question-file";

type Ctx = Pick<AppContext, "db" | "dialect" | "pack" | "clock" | "caches">;

/**
 * The bank attempts draw from, cached per app (ctx.caches.quiz.published): the published version
 * without retired questions, and every question of every version by id (old papers, item analysis).
 */
export type LoadedBank = {
  version: number;
  drawable: BankQuestion[];
  byId: Map<string, BankQuestion>;
  /** Per version: its questions over byId (built on first use), what a paper drawn from it shows. */
  byVersion: Map<number, Map<string, BankQuestion>>;
  rows: { version: number; question: BankQuestion }[];
  checkedAt: number;
};

/** Another replica may publish: look at the published version number this often (one small query). */
const RECHECK_MS = 5_000;

/** Before any version exists (first start-up), the pack's questions.json becomes version 1, published. */
export async function ensureBankSeeded(ctx: Ctx): Promise<void> {
  if ((await publishedVersionNo(ctx.db)) !== null) return;
  if ((await listVersions(ctx.db)).length > 0) return;
  const at = ctx.clock.now().toISOString();
  try {
    await insertVersion(ctx.db, { status: "published", source: "pack", fileName: "questions.json", questionCount: ctx.pack.questions.length, createdAt: at, createdBy: null, publishedAt: at, publishedBy: null }, ctx.pack.questions);
  } catch (err) {
    // Another replica seeded it at the same moment.
    if (!isUniqueViolation(err)) throw err;
  }
}

async function loadBank(ctx: Ctx): Promise<LoadedBank> {
  await ensureBankSeeded(ctx);
  const version = (await publishedVersionNo(ctx.db))!;
  const retired = new Set((await listRetired(ctx.db)).map((r) => r.questionId));
  const byId = new Map<string, BankQuestion>();
  const drawable: BankQuestion[] = [];
  const rows = (await listAllQuestions(ctx.db)).map((r) => ({ version: r.version, question: JSON.parse(r.data) as BankQuestion }));
  // The published version's text wins; otherwise the newest version that holds the id.
  for (const r of rows) if (r.version === version) byId.set(r.question.id, r.question);
  for (const { version: v, question: q } of rows) {
    if (!byId.has(q.id)) byId.set(q.id, q);
    if (v === version && !retired.has(q.id)) drawable.push(q);
  }
  return { version, drawable, byId, byVersion: new Map(), rows, checkedAt: Date.now() };
}

/** The one function the quiz reads the bank through. */
export async function publishedBank(ctx: Ctx): Promise<LoadedBank> {
  const cached = ctx.caches.quiz.published;
  if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached;
  if (cached && (await publishedVersionNo(ctx.db)) === cached.version && !(await retiredChanged(ctx, cached))) {
    cached.checkedAt = Date.now();
    return cached;
  }
  const fresh = await loadBank(ctx);
  ctx.caches.quiz.published = fresh;
  return fresh;
}

async function retiredChanged(ctx: Ctx, bank: LoadedBank): Promise<boolean> {
  const retired = new Set((await listRetired(ctx.db)).map((r) => r.questionId));
  return bank.drawable.some((q) => retired.has(q.id));
}

/** The questions as the paper of this attempt was drawn (its version), any version's text for the rest. */
export async function paperBank(ctx: Ctx, attemptId: string): Promise<Map<string, BankQuestion>> {
  const bank = await publishedBank(ctx);
  const version = await paperVersion(ctx.db, attemptId);
  if (version === null || version === bank.version) return bank.byId;
  let map = bank.byVersion.get(version);
  if (!map) {
    map = new Map(bank.byId);
    for (const r of bank.rows) if (r.version === version) map.set(r.question.id, r.question);
    bank.byVersion.set(version, map);
  }
  return map;
}

const invalidate = (ctx: Ctx) => {
  ctx.caches.quiz.published = null;
};

const toVersion = (r: QuizBankVersionRow): BankVersion => ({
  version: r.version,
  status: r.status,
  source: r.source,
  fileName: r.fileName,
  questionCount: r.questionCount,
  createdAt: r.createdAt,
  publishedAt: r.publishedAt,
});

export async function bankState(ctx: Ctx): Promise<BankStateResponse> {
  await ensureBankSeeded(ctx);
  const versions = await listVersions(ctx.db);
  return { publishedVersion: versions.find((v) => v.status === "published")?.version ?? null, versions: versions.map(toVersion), retiredCount: (await listRetired(ctx.db)).length };
}

const lessonIds = (ctx: Ctx) => ctx.pack.lessons.map((l) => l.id);

/** Blueprint problems of a set of questions once retired ones are left out. */
async function blueprintOf(ctx: Ctx, questions: readonly BankQuestion[]): Promise<string[]> {
  const retired = new Set((await listRetired(ctx.db)).map((r) => r.questionId));
  return blueprintProblems(ctx.pack.quiz, lessonIds(ctx), questions.filter((q) => !retired.has(q.id)));
}

/** Two uploads at the same moment take the same next number: the loser takes the one after. */
async function insertWithRetry(ctx: Ctx, row: Parameters<typeof insertVersion>[1], questions: readonly BankQuestion[]): Promise<number> {
  for (let tries = 0; ; tries++) {
    try {
      return await insertVersion(ctx.db, row, questions);
    } catch (err) {
      if (!isUniqueViolation(err) || tries >= 3) throw err;
    }
  }
}

/** Check an uploaded sheet with the CLI's parser; a clean one is stored as a draft (nothing else changes). */
export async function previewUpload(ctx: Ctx, user: UserRow, file: { buffer: Buffer; fileName: string }): Promise<BankPreviewResponse> {
  let sheet;
  try {
    sheet = await parseQuestionSheet(file.buffer, file.fileName);
  } catch (err) {
    if (err instanceof QuestionFileError) throw new AppError(400, "BANK_FILE_INVALID", err.message, { file: err.message });
    throw err;
  }
  const { questions, problems } = validateQuestionRows(sheet.headers, sheet.rows, ctx.pack.lessons);
  const perLesson = ctx.pack.lessons.map((l) => ({ lessonId: l.id, count: questions.filter((q) => q.lessonId === l.id).length }));
  const blueprint = problems.length ? [] : await blueprintOf(ctx, questions);
  let draft: BankVersion | null = null;
  if (problems.length === 0) {
    const at = ctx.clock.now().toISOString();
    const version = await insertWithRetry(ctx, { status: "draft", source: "upload", fileName: file.fileName.slice(0, 200), questionCount: questions.length, createdAt: at, createdBy: user.id, publishedAt: null, publishedBy: null }, questions);
    draft = toVersion((await findVersion(ctx.db, version))!);
  }
  return { fileName: file.fileName, questionCount: questions.length, problems: [...problems].sort((a, b) => a.row - b.row), blueprintProblems: blueprint, perLesson, draft };
}

/** Publish a draft or restore an earlier version, after the blueprint check; new attempts draw from it at once. */
export async function publishVersion(ctx: Ctx, user: UserRow, version: number): Promise<BankStateResponse> {
  const row = await findVersion(ctx.db, version);
  if (!row) throw new AppError(404, "BANK_VERSION_NOT_FOUND", `No bank version ${version}`);
  if (row.status === "published") throw new AppError(409, "BANK_VERSION_NOT_PUBLISHABLE", `Version ${version} is already published`);
  const problems = await blueprintOf(ctx, await listVersionQuestions(ctx.db, version));
  if (problems.length) throw new AppError(409, "BANK_BLUEPRINT", problems.join("; "), { version: problems.join("\n") });
  const now = ctx.clock.now();
  try {
    await setPublished(ctx.db, version, user.id, now.toISOString());
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, "CONFLICT", "Another version was published at the same moment");
    throw err;
  }
  invalidate(ctx);
  await recordAudit(ctx.db, { actorId: user.id, action: row.status === "draft" ? "quiz.bank.publish" : "quiz.bank.restore", subject: `bank:${version}`, details: { questionCount: row.questionCount, fileName: row.fileName } }, now);
  return bankState(ctx);
}

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();

export async function browseQuestions(ctx: Ctx, query: BankQuestionsQuery): Promise<BankQuestionsResponse> {
  const version = query.version ?? (await publishedBank(ctx)).version;
  if (!(await findVersion(ctx.db, version))) throw new AppError(404, "BANK_VERSION_NOT_FOUND", `No bank version ${version}`);
  const retired = new Set((await listRetired(ctx.db)).map((r) => r.questionId));
  const needle = query.q ? fold(query.q.trim()) : "";
  const found = (await listVersionQuestions(ctx.db, version)).filter(
    (q) =>
      (!query.lesson || q.lessonId === query.lesson) &&
      (!query.difficulty || q.difficulty === query.difficulty) &&
      (!needle || fold(`${q.id} ${q.stem} ${q.options.map((o) => o.text).join(" ")} ${q.explanation}`).includes(needle)),
  );
  return { version, total: found.length, questions: found.slice(0, 200).map((q) => ({ id: q.id, lessonId: q.lessonId, difficulty: q.difficulty, stem: q.stem, retired: retired.has(q.id) })) };
}

export async function questionDetail(ctx: Ctx, id: string): Promise<BankQuestionDetail> {
  const q = (await publishedBank(ctx)).byId.get(id);
  if (!q) throw new AppError(404, "QUESTION_NOT_FOUND", `No question ${id}`);
  const retired = await findRetired(ctx.db, id);
  const lesson = ctx.pack.lessons.find((l) => l.id === q.lessonId);
  return {
    ...q,
    lessonTitle: lesson?.title ?? null,
    lessonLink: `/learn/${encodeURIComponent(q.lessonId)}?t=${q.lessonMomentSec}`,
    retired: Boolean(retired),
    retiredAt: retired?.retiredAt ?? null,
    versions: await versionsOfQuestion(ctx.db, id),
  };
}

/** Retire a question: no paper draws it again; refused when the published bank could then not fill a paper. */
export async function retireQuestion(ctx: Ctx, user: UserRow, id: string, reason: string | undefined): Promise<BankQuestionDetail> {
  const bank = await publishedBank(ctx);
  if (!bank.byId.has(id)) throw new AppError(404, "QUESTION_NOT_FOUND", `No question ${id}`);
  if (!(await findRetired(ctx.db, id))) {
    const problems = blueprintProblems(ctx.pack.quiz, lessonIds(ctx), bank.drawable.filter((q) => q.id !== id));
    if (problems.length) throw new AppError(409, "BANK_BLUEPRINT", problems.join("; "), { id: problems.join("\n") });
    const now = ctx.clock.now();
    await insertRetired(ctx.db, { questionId: id, retiredAt: now.toISOString(), retiredBy: user.id, reason: reason || null });
    invalidate(ctx);
    await recordAudit(ctx.db, { actorId: user.id, action: "quiz.bank.retire", subject: `question:${id}`, details: { reason: reason ?? null } }, now);
  }
  return questionDetail(ctx, id);
}
