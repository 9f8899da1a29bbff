import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ASSETS_DIR, loadContestPack, PackError } from "../../content/pack-loader";
import { lessonMediaPaths } from "./lesson-media";

/** A copy of the demo pack whose lessons.json the test may break (media linked, not copied). */
function packWithLessons(change: (lessons: Record<string, unknown>[]) => void): string {
  const root = mkdtempSync(path.join(tmpdir(), "hvai-pack-"));
  const realContent = path.join(ASSETS_DIR, "content/ai-cong-vu");
  mkdirSync(path.join(root, "packs"), { recursive: true });
  cpSync(path.join(ASSETS_DIR, "packs/demo"), path.join(root, "packs/demo"), { recursive: true });
  cpSync(path.join(ASSETS_DIR, "units"), path.join(root, "units"), { recursive: true });
  mkdirSync(path.join(root, "content/ai-cong-vu"), { recursive: true });
  symlinkSync(path.join(realContent, "media"), path.join(root, "content/ai-cong-vu/media"));
  cpSync(path.join(realContent, "questions.json"), path.join(root, "content/ai-cong-vu/questions.json"));
  const lessons = JSON.parse(readFileSync(path.join(realContent, "lessons.json"), "utf8")) as Record<string, unknown>[];
  change(lessons);
  writeFileSync(path.join(root, "content/ai-cong-vu/lessons.json"), JSON.stringify(lessons));
  return root;
}

const roots: string[] = [];
const load = (change: (lessons: Record<string, unknown>[]) => void) => {
  const root = packWithLessons(change);
  roots.push(root);
  return () => loadContestPack("demo", new Date(), root);
};

function problemsOf(fn: () => unknown): { file: string; problems: string[] } {
  try {
    fn();
  } catch (err) {
    if (err instanceof PackError) return { file: path.basename(err.file), problems: err.problems };
    throw err;
  }
  throw new Error("the pack loaded");
}

describe("lessons in the content pack", () => {
  afterEach(() => {
    roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true }));
  });

  it("loads the 14 demo lessons with video, poster, Vietnamese subtitles, key points and checkpoints", () => {
    const pack = loadContestPack("demo", new Date());
    expect(pack.lessons).toHaveLength(14);
    expect(pack.lessons.map((l) => l.order)).toEqual([...Array(14).keys()].map((i) => i + 1));
    for (const l of pack.lessons) {
      expect(l.video.sources[0]?.type).toBe("video/mp4");
      expect(readFileSync(path.join(pack.contentDir, l.video.subtitles), "utf8").startsWith("WEBVTT")).toBe(true);
      expect(l.checkpoints.every((c) => c.atSec < l.durationSec)).toBe(true);
    }
    expect(lessonMediaPaths(pack.lessons).has("/media/bai-14.mp4")).toBe(true);
  });

  it("names the file, the lesson and the field of a mistake", () => {
    const { file, problems } = problemsOf(
      load((ls) => {
        const l = ls[2] as { checkpoints: { correctIndex: number }[]; title: string };
        l.checkpoints[0]!.correctIndex = 7;
        l.title = "";
      }),
    );
    expect(file).toBe("lessons.json");
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^phần tử 3 \(id bai-03\), trường title/), expect.stringMatching(/^phần tử 3 \(id bai-03\), trường checkpoints\.0\.correctIndex/)]),
    );
  });

  it("refuses a checkpoint after the end of the video and a missing media file", () => {
    const late = problemsOf(load((ls) => void ((ls[0] as { checkpoints: { atSec: number }[] }).checkpoints[0]!.atSec = 999)));
    expect(late.problems.join("\n")).toMatch(/phần tử 1 \(id bai-01\), trường checkpoints\.0\.atSec: atSec phải nhỏ hơn thời lượng bài/);
    const missing = problemsOf(load((ls) => void ((ls[1] as { video: { poster: string } }).video.poster = "media/khong-co.jpg")));
    expect(missing).toEqual({ file: "lessons.json", problems: ["bài bai-02: không tìm thấy tệp media/khong-co.jpg"] });
  });
});
