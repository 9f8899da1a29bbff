import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ASSETS_DIR, loadContestPack, PackError } from "./pack-loader";

/** A copy of assets/ we can break on purpose. */
function assetsCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hvai-assets-"));
  cpSync(ASSETS_DIR, dir, { recursive: true });
  return dir;
}

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

function errorOf(fn: () => unknown): PackError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PackError) return e;
    throw e;
  }
  throw new Error("expected a PackError");
}

describe("content packs", () => {
  it("loads both shipped packs: the real dates and the demo around now", () => {
    const real = loadContestPack("hai-phong-2026");
    expect(real.stages[0]).toMatchObject({ opensAt: "2026-05-28T01:00:00.000Z", closesAt: "2026-06-10T16:59:59.000Z" });
    expect(real.units.filter((u) => u.kind !== "so_nganh")).toHaveLength(114);
    expect(real.lessons).toHaveLength(14);
    expect(real.questions.length).toBeGreaterThanOrEqual(140);

    const now = new Date("2026-11-22T06:00:00Z");
    const demo = loadContestPack("demo", now);
    expect(Date.parse(demo.stages[0]!.opensAt)).toBeLessThan(now.getTime());
    expect(Date.parse(demo.stages[0]!.closesAt)).toBeGreaterThan(now.getTime());
  });

  it("refuses contact e-mails and phone numbers that do not work, and keeps unconfirmed contacts out of the app", () => {
    const dir = assetsCopy();
    edit(path.join(dir, "packs/demo/contest.json"), (t) => t.replace("bantochuc@hocvuai.example", "tulieu&ngghienccu@hpstic.vn").replace('"value": "0904592340"', '"value": "090459234"'));
    const err = errorOf(() => loadContestPack("demo", new Date(), dir));
    expect(err.message).toContain(path.join("packs", "demo", "contest.json"));
    const problems = err.problems.join("\n");
    expect(problems).toContain('trường contacts.3.value: "tulieu&ngghienccu@hpstic.vn" không phải địa chỉ thư điện tử hợp lệ');
    expect(problems).toContain('trường contacts.1.value: "090459234" không phải số điện thoại hợp lệ');

    const real = loadContestPack("hai-phong-2026");
    expect(real.contacts.map((c) => c.kind)).toEqual(["phone", "phone", "zalo"]);
    expect(real.warnings?.join("\n")).toMatch(/tulieunghiencuu@hpstic\.vn\) chưa được Ban tổ chức xác nhận/);
    expect(loadContestPack("demo").contacts.find((c) => c.kind === "email")?.value).toBe("bantochuc@hocvuai.example");
  });

  it("names the file and the row of a bad unit", () => {
    const dir = assetsCopy();
    edit(path.join(dir, "units/hai-phong-communes.csv"), (t) => t.replace("10525,phuong,Hải Dương", "10525,thon,Hải Dương"));
    const err = errorOf(() => loadContestPack("hai-phong-2026", new Date(), dir));
    expect(err.message).toContain("hai-phong-communes.csv");
    expect(err.problems.join("\n")).toMatch(/dòng 3, cột kind/);
  });

  it("names the file, the element and the field of a bad question", () => {
    const dir = assetsCopy();
    const file = path.join(dir, "content/ai-cong-vu/questions.json");
    const questions = JSON.parse(readFileSync(file, "utf8"));
    questions[4].correctOptionId = "z";
    writeFileSync(file, JSON.stringify(questions));
    const err = errorOf(() => loadContestPack("demo", new Date(), dir));
    expect(err.message).toContain("questions.json");
    expect(err.problems[0]).toMatch(new RegExp(`phần tử 5 \\(id ${questions[4].id}\\), trường correctOptionId`));
  });

  it("reports a missing media file and a stage that closes before it opens", () => {
    const dir = assetsCopy();
    edit(path.join(dir, "content/ai-cong-vu/lessons.json"), (t) => t.replace("media/bai-03.jpg", "media/missing.jpg"));
    expect(errorOf(() => loadContestPack("demo", new Date(), dir)).problems.join()).toContain("bai-03: không tìm thấy tệp media/missing.jpg");

    const dir2 = assetsCopy();
    edit(path.join(dir2, "packs/hai-phong-2026/contest.json"), (t) => t.replace('"closesAt": "2026-06-10T23:59:59+07:00"', '"closesAt": "2026-05-01T00:00:00+07:00"'));
    expect(errorOf(() => loadContestPack("hai-phong-2026", new Date(), dir2)).problems.join()).toContain("opensAt phải trước closesAt");
  });

  it("says plainly when a pack does not exist", () => {
    expect(errorOf(() => loadContestPack("khong-co")).problems).toEqual(["không tìm thấy tệp"]);
  });
});
