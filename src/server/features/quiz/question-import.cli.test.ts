import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { ASSETS_DIR } from "../../content/pack-loader";
import { runQuestionImport } from "./question-import.cli";

const CONTENT = path.join(ASSETS_DIR, "content", "ai-cong-vu");
const LESSONS = path.join(CONTENT, "lessons.json");
const dir = mkdtempSync(path.join(tmpdir(), "hvai-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "id,lesson,difficulty,stem,option_a,option_b,option_c,option_d,option_e,option_f,correct,explanation,lesson_moment_sec";
const GOOD = 'q-x1,bai-02,dễ,"Khi nhờ AI tóm tắt văn bản, cán bộ cần làm gì trước khi dùng kết quả?",Đối chiếu lại với văn bản gốc,Dùng ngay vì AI luôn đúng,Gửi cho lãnh đạo ký luôn,,,,a,"AI có thể bỏ sót hoặc bịa thông tin, nên phải kiểm tra lại.",0:35';

function run(...argv: string[]) {
  const log: string[] = [];
  const err: string[] = [];
  return runQuestionImport(argv, { log: (l) => log.push(l), error: (l) => err.push(l) }).then((code) => ({ code, log: log.join("\n"), err: err.join("\n") }));
}

describe("npm run quiz:import", () => {
  it("turns the demo bank's CSV back into exactly the committed questions.json", async () => {
    const out = path.join(dir, "roundtrip.json");
    const r = await run(path.join(CONTENT, "questions.csv"), "--out", out, "--lessons", LESSONS);
    expect(r.code).toBe(0);
    expect(r.log).toContain("168 câu hỏi hợp lệ");
    expect(readFileSync(out, "utf8")).toBe(readFileSync(path.join(CONTENT, "questions.json"), "utf8"));
  });

  it("reads a UTF-8 CSV with Excel's BOM and keeps Vietnamese intact", async () => {
    const file = path.join(dir, "bom.csv");
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n${GOOD}\r\n`, "utf8")]));
    const out = path.join(dir, "bom.json");
    const r = await run(file, "--out", out, "--lessons", LESSONS);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const [q] = JSON.parse(readFileSync(out, "utf8"));
    expect(q).toMatchObject({ id: "q-x1", lessonId: "bai-02", difficulty: "easy", correctOptionId: "a", lessonMomentSec: 35 });
    expect(q.stem).toBe("Khi nhờ AI tóm tắt văn bản, cán bộ cần làm gì trước khi dùng kết quả?");
    expect(q.options.map((o: { text: string }) => o.text)).toEqual(["Đối chiếu lại với văn bản gốc", "Dùng ngay vì AI luôn đúng", "Gửi cho lãnh đạo ký luôn"]);
  });

  it("refuses a CSV saved in a legacy code page instead of importing broken Vietnamese", async () => {
    const file = path.join(dir, "latin1.csv");
    writeFileSync(file, Buffer.from(`${HEADER}\n${GOOD}\n`, "latin1"));
    const out = path.join(dir, "latin1.json");
    const r = await run(file, "--out", out, "--lessons", LESSONS);
    expect(r.code).toBe(1);
    expect(r.err).toContain("tệp không phải mã UTF-8");
    expect(r.err).toContain("CSV UTF-8");
    expect(existsSync(out)).toBe(false);
  });

  it("reports bad rows of a CSV by row and column and writes nothing", async () => {
    const file = path.join(dir, "bad.csv");
    const bad = [GOOD, GOOD.replace("q-x1", "q-x2").replace(",a,", ",a;b,"), GOOD.replace("q-x1", "q-x3").replace("bai-02", "bai-42"), GOOD.replace("q-x1", "q-x4").replace("Đối chiếu lại với văn bản gốc,Dùng ngay vì AI luôn đúng,Gửi cho lãnh đạo ký luôn", "Chỉ một phương án,,")];
    writeFileSync(file, `${HEADER}\n${bad.join("\n")}\n`, "utf8");
    const out = path.join(dir, "bad.json");
    const r = await run(file, "--out", out, "--lessons", LESSONS);
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toEqual([
      `✘ ${file}: 3 lỗi, chưa ghi tệp nào.`,
      '  - Dòng 3, cột correct: chỉ được đúng một đáp án (đang ghi "a;b")',
      '  - Dòng 4, cột lesson: không có bài học "bai-42" (dùng mã bài như bai-01 hoặc số thứ tự bài)',
      "  - Dòng 5, cột option_b: cần ít nhất 2 phương án",
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("imports an XLSX workbook (first sheet) and reports its bad rows with Excel row numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Câu hỏi");
    ws.addRow(HEADER.split(",").map((h) => h.toUpperCase().replace(/_/g, " ")));
    ws.addRow(["q-xl1", 3, "Khó", "Dữ liệu nào KHÔNG được đưa vào công cụ AI công cộng?", "Thông tin công khai trên cổng thông tin", "Hồ sơ có thông tin cá nhân của công dân", "Văn bản quy phạm đã đăng công báo", "", "", "", "B", "Dữ liệu cá nhân phải được bảo vệ theo Luật số 91/2025/QH15.", 20]);
    ws.addRow([]);
    ws.addRow(["q-xl2", "bai-03", "hard", "Câu thiếu đáp án?", "Có", "Không", "", "", "", "", "", "Giải thích.", 5]);
    const file = path.join(dir, "bank.xlsx");
    await wb.xlsx.writeFile(file);

    const out = path.join(dir, "xlsx.json");
    const bad = await run(file, "--out", out, "--lessons", LESSONS);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("  - Dòng 4, cột correct: thiếu đáp án đúng");
    expect(bad.err).not.toContain("Dòng 2");

    ws.spliceRows(4, 1);
    await wb.xlsx.writeFile(file);
    const good = await run(file, "--out", out, "--lessons", LESSONS);
    expect(good.err).toBe("");
    expect(good.code).toBe(0);
    const [q] = JSON.parse(readFileSync(out, "utf8"));
    expect(q).toMatchObject({ id: "q-xl1", lessonId: "bai-03", difficulty: "hard", correctOptionId: "b", lessonMomentSec: 20 });
    expect(q.explanation).toBe("Dữ liệu cá nhân phải được bảo vệ theo Luật số 91/2025/QH15.");
  });

  it("explains its usage and refuses other file types", async () => {
    expect((await run()).code).toBe(2);
    const txt = path.join(dir, "bank.txt");
    writeFileSync(txt, "x");
    const r = await run(txt, "--lessons", LESSONS, "--dry-run");
    expect(r.code).toBe(1);
    expect(r.err).toContain("chỉ nhận tệp .csv hoặc .xlsx");
  });
});
