import { randomBytes } from "node:crypto";
import Papa from "papaparse";
import type { BankQuestion } from "../../../domain/quiz/question.schema";

/** A question sheet in the quiz:import columns, as an organiser would save it from Excel. */
export function bankCsv(questions: readonly BankQuestion[], edit: (row: Record<string, string>, q: BankQuestion, i: number) => void = () => {}): string {
  const rows = questions.map((q, i) => {
    const row: Record<string, string> = {
      id: q.id,
      lesson: q.lessonId,
      difficulty: q.difficulty,
      stem: q.stem,
      option_a: "",
      option_b: "",
      option_c: "",
      option_d: "",
      option_e: "",
      option_f: "",
      correct: q.correctOptionId,
      explanation: q.explanation,
      lesson_moment_sec: String(q.lessonMomentSec),
    };
    for (const o of q.options) row[`option_${o.id}`] = o.text;
    edit(row, q, i);
    return row;
  });
  return `\uFEFF${Papa.unparse(rows)}`;
}

/** A multipart/form-data body with one file, as the app's upload sends it. */
export function multipartFile(fileName: string, content: Buffer | string, contentType = "text/csv") {
  const boundary = `----hvai${randomBytes(8).toString("hex")}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, typeof content === "string" ? Buffer.from(content, "utf8") : content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
