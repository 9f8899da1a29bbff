import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { formatImportReport, validateQuestionRows } from "../../../domain/quiz/question-import";
import { ASSETS_DIR } from "../../content/pack-loader";
import { QuestionFileError, readQuestionSheet } from "./question-file";

const USAGE = `Cách dùng: npm run quiz:import -- <tệp.csv|tệp.xlsx> [--out assets/content/ai-cong-vu/questions.json] [--lessons <lessons.json>] [--dry-run]
  Kiểm tra từng dòng của ngân hàng câu hỏi và ghi ra tệp JSON mà gói nội dung dùng.
  --out      tệp JSON sẽ ghi (mặc định: questions.json của nội dung mẫu)
  --lessons  danh sách bài học để đối chiếu (mặc định: lessons.json cạnh tệp --out)
  --dry-run  chỉ kiểm tra, không ghi tệp
  Lưu ý: questions.json chỉ thành phiên bản 1 của ngân hàng khi cơ sở dữ liệu chưa có phiên bản nào;
  sau đó hãy tải tệp lên trong ứng dụng (Trang Ban tổ chức → Ngân hàng câu hỏi).`;

const LessonRefsSchema = z.array(z.object({ id: z.string(), order: z.number().int(), durationSec: z.number().int() }));

type Out = { log(line: string): void; error(line: string): void };

/** Returns the exit code: 0 written (or valid on --dry-run), 1 problems in the file, 2 wrong usage. */
export async function runQuestionImport(argv: string[], out: Out = console): Promise<number> {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const dryRun = args.includes("--dry-run");
  if (dryRun) args.splice(args.indexOf("--dry-run"), 1);
  const outFile = path.resolve(flag("--out") ?? path.join(ASSETS_DIR, "content", "ai-cong-vu", "questions.json"));
  const lessonsFile = path.resolve(flag("--lessons") ?? path.join(path.dirname(outFile), "lessons.json"));
  const [input, ...extra] = args;
  if (!input || extra.length || input.startsWith("--")) {
    out.error(USAGE);
    return 2;
  }
  if (!existsSync(lessonsFile)) {
    out.error(`✘ Không tìm thấy danh sách bài học ${lessonsFile} (dùng --lessons).`);
    return 2;
  }
  const lessons = LessonRefsSchema.safeParse(JSON.parse(readFileSync(lessonsFile, "utf8").replace(/^\uFEFF/, "")));
  if (!lessons.success) {
    out.error(`✘ ${lessonsFile} không phải danh sách bài học hợp lệ.`);
    return 2;
  }

  let sheet;
  try {
    sheet = await readQuestionSheet(input);
  } catch (err) {
    if (err instanceof QuestionFileError) {
      out.error(`✘ ${input}: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const { questions, problems } = validateQuestionRows(sheet.headers, sheet.rows, lessons.data);
  const report = formatImportReport(input, problems, questions.length);
  if (problems.length) {
    out.error(report);
    return 1;
  }
  out.log(report);
  const perLesson = lessons.data.map((l) => `${l.id}: ${questions.filter((q) => q.lessonId === l.id).length}`).join(", ");
  out.log(`  Số câu theo bài — ${perLesson}`);
  if (dryRun) {
    out.log("  (--dry-run: chưa ghi tệp)");
    return 0;
  }
  mkdirSync(path.dirname(outFile), { recursive: true });
  // Write then rename, so a crash never leaves a half-written bank behind.
  const tmp = `${outFile}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(questions, null, 2)}\n`, "utf8");
  renameSync(tmp, outFile);
  out.log(`  Đã ghi ${path.relative(process.cwd(), outFile)}.`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runQuestionImport(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`✘ Lỗi không mong đợi: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
