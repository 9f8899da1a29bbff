import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { z } from "zod";
import type { Contact, Stage } from "../../domain/contest/contest.schema";
import type { EntryRound } from "../../domain/entries/entries.config";
import { resolveRelative } from "../../domain/contest/calendar";
import { ContestPackFileSchema, type ContestPackFile, type DateSpec, UnitCsvRowSchema } from "../../domain/contest/pack.schema";
import { LessonFileSchema, type LessonFile } from "../../domain/learning/lesson.schema";
import { BankQuestionSchema, type BankQuestion } from "../../domain/quiz/question.schema";
import type { Unit } from "../../domain/units/unit.schema";

export const ASSETS_DIR = path.resolve(process.cwd(), "assets");

export type ContestPack = Omit<ContestPackFile, "stages" | "units" | "content" | "contacts" | "entries" | "rosterFreezeAt"> & {
  /** ISO instant: leads' roster changes need an organiser's approval from then on. */
  rosterFreezeAt: string;
  contacts: Contact[];
  entries: { rounds: EntryRound[] };
  /** Things the organiser should fix, printed at start-up (e.g. an unconfirmed contact). */
  warnings?: string[];
  packDir: string;
  contentDir: string;
  stages: Stage[];
  units: Unit[];
  lessons: LessonFile[];
  questions: BankQuestion[];
};

/** A content error that names the file and the row, so whoever edits the pack can fix it. */
export class PackError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${path.relative(process.cwd(), file)}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PackError";
  }
}

function issuesOf(error: z.ZodError, rowLabel?: (index: number) => string): string[] {
  return error.issues.map((i) => {
    const [first, ...rest] = i.path;
    const where =
      typeof first === "number" && rowLabel
        ? `${rowLabel(first)}${rest.length ? `, trường ${rest.join(".")}` : ""}`
        : i.path.length
          ? `trường ${i.path.join(".")}`
          : "tệp";
    return `${where}: ${i.message}`;
  });
}

function readText(file: string): string {
  if (!existsSync(file)) throw new PackError(file, ["không tìm thấy tệp"]);
  // Strip a UTF-8 BOM (Excel writes one).
  return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
}

export function readJsonFile<S extends z.ZodType>(file: string, schema: S, rowLabel?: (index: number, raw: unknown) => string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof PackError) throw e;
    throw new PackError(file, [`JSON không hợp lệ: ${(e as Error).message}`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const rows = Array.isArray(raw) ? raw : [];
    throw new PackError(file, issuesOf(result.error, rowLabel ? (i) => rowLabel(i, rows[i]) : undefined));
  }
  return result.data;
}

const idOf = (raw: unknown) =>
  raw && typeof raw === "object" && "id" in raw && typeof raw.id === "string" ? ` (id ${raw.id})` : "";
export const arrayRowLabel = (index: number, raw: unknown) => `phần tử ${index + 1}${idOf(raw)}`;

export function readUnitsCsv(file: string, expectBoard: "commune" | "department"): Unit[] {
  const parsed = Papa.parse<Record<string, string>>(readText(file), { header: true, skipEmptyLines: true });
  const problems: string[] = parsed.errors.map((e) => `dòng ${(e.row ?? 0) + 2}: ${e.message}`);
  const units: Unit[] = [];
  parsed.data.forEach((row, i) => {
    const r = UnitCsvRowSchema.safeParse(row);
    const line = `dòng ${i + 2}`; // +1 header, +1 one-based
    if (!r.success) {
      problems.push(...r.error.issues.map((iss) => `${line}, cột ${iss.path.join(".")}: ${iss.message}`));
      return;
    }
    const isDept = r.data.kind === "so_nganh";
    if (isDept !== (expectBoard === "department"))
      problems.push(`${line}: loại "${r.data.kind}" không thuộc danh sách ${expectBoard === "department" ? "sở, ban, ngành" : "xã, phường, đặc khu"}`);
    units.push({ code: r.data.code, kind: r.data.kind, name: r.data.name, fullName: r.data.full_name });
  });
  if (problems.length) throw new PackError(file, problems);
  return units;
}

function resolveDate(spec: DateSpec, now: Date): string {
  return typeof spec === "string" ? new Date(spec).toISOString() : resolveRelative(spec.fromNow, now).toISOString();
}

/** Load and validate a whole content pack. Throws PackError naming the file and row. */
export function loadContestPack(packId: string, now = new Date(), assetsDir = ASSETS_DIR): ContestPack {
  const packDir = path.join(assetsDir, "packs", packId);
  const packFile = path.join(packDir, "contest.json");
  const file = readJsonFile(packFile, ContestPackFileSchema);

  const stages: Stage[] = file.stages.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    opensAt: resolveDate(s.opensAt, now),
    closesAt: resolveDate(s.closesAt, now),
  }));
  const order = stages.map((s) => s.id).join(",");
  const stageProblems: string[] = [];
  if (order !== "stage1,stage2,stage3") stageProblems.push(`stages: cần đúng thứ tự stage1, stage2, stage3 (đang là ${order})`);
  stages.forEach((s, i) => {
    if (s.opensAt >= s.closesAt) stageProblems.push(`stages[${i}] (${s.id}): opensAt phải trước closesAt`);
  });
  const rosterFreezeAt = resolveDate(file.rosterFreezeAt, now);
  const first = stages[0];
  if (first && (rosterFreezeAt < first.opensAt || rosterFreezeAt > first.closesAt))
    stageProblems.push(`rosterFreezeAt: phải nằm trong Giai đoạn 1 (từ ${first.opensAt} đến ${first.closesAt})`);
  const rounds: EntryRound[] = file.entries.rounds.map((r) => ({ ...r, opens: resolveDate(r.opens, now), closes: resolveDate(r.closes, now) }));
  rounds.forEach((r, i) => {
    if (!stages.some((s) => s.id === r.id)) stageProblems.push(`entries.rounds[${i}]: id "${r.id}" phải là mã một giai đoạn`);
    if (!stages.some((s) => s.id === r.eligible.fromStage)) stageProblems.push(`entries.rounds[${i}]: eligible.fromStage "${r.eligible.fromStage}" không phải mã giai đoạn`);
    if (r.opens >= r.closes) stageProblems.push(`entries.rounds[${i}] (${r.id}): opens phải trước closes`);
    const keys = new Set(r.fields.map((f) => f.key));
    if (keys.size !== r.fields.length) stageProblems.push(`entries.rounds[${i}] (${r.id}): khoá trường bị trùng`);
  });
  if (stageProblems.length) throw new PackError(packFile, stageProblems);

  const communes = readUnitsCsv(path.resolve(packDir, file.units.communes), "commune");
  const departments = readUnitsCsv(path.resolve(packDir, file.units.departments), "department");
  const units = [...communes, ...departments];
  const seen = new Set<string>();
  const dupes = units.filter((u) => (seen.has(u.code) ? true : (seen.add(u.code), false)));
  if (dupes.length) throw new PackError(packFile, dupes.map((u) => `mã đơn vị ${u.code} xuất hiện hai lần`));

  const contentDir = path.resolve(packDir, file.content);
  const lessonsFile = path.join(contentDir, "lessons.json");
  const lessons = readJsonFile(lessonsFile, z.array(LessonFileSchema).min(1), arrayRowLabel).sort((a, b) => a.order - b.order);
  const lessonIds = new Set(lessons.map((l) => l.id));
  if (lessonIds.size !== lessons.length) throw new PackError(lessonsFile, ["mã bài học bị trùng"]);
  const missingMedia = lessons.flatMap((l) =>
    [...l.video.sources.map((s) => s.src), l.video.poster, l.video.subtitles]
      .filter((p) => !/^https?:\/\//.test(p) && !existsSync(path.join(contentDir, p)))
      .map((p) => `bài ${l.id}: không tìm thấy tệp ${p}`),
  );
  if (missingMedia.length) throw new PackError(lessonsFile, missingMedia);

  const questionsFile = path.join(contentDir, "questions.json");
  const questions = readJsonFile(questionsFile, z.array(BankQuestionSchema).min(1), arrayRowLabel);
  const qProblems = questions.flatMap((q, i) =>
    lessonIds.has(q.lessonId) ? [] : [`phần tử ${i + 1} (id ${q.id}): bài học "${q.lessonId}" không có trong lessons.json`],
  );
  const qIds = new Set<string>();
  questions.forEach((q, i) => {
    if (qIds.has(q.id)) qProblems.push(`phần tử ${i + 1}: mã câu hỏi ${q.id} bị trùng`);
    qIds.add(q.id);
  });
  if (qProblems.length) throw new PackError(questionsFile, qProblems);

  const { stages: _s, units: _u, content: _c, contacts: allContacts, entries: _e, rosterFreezeAt: _f, ...rest } = file;
  // Contacts the organiser has not confirmed stay out of the app, and start-up says so.
  const warnings = allContacts.filter((c) => c.unconfirmed).map((c) => `${path.relative(process.cwd(), packFile)}: liên hệ “${c.label}” (${c.value}) chưa được Ban tổ chức xác nhận nên chưa hiển thị`);
  const contacts = allContacts.filter((c) => !c.unconfirmed).map(({ unconfirmed: _x, ...c }) => c);
  return { ...rest, rosterFreezeAt, contacts, packDir, contentDir, stages, units, lessons, questions, warnings, entries: { rounds } };
}
