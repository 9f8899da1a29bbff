import { describe, expect, it } from "vitest";
import { RemindersConfigSchema } from "./reminders.config";
import { describeRemaining, isFinished, placeholdersIn, progressOf, renderTemplate, truncate } from "./template";

describe("reminder text", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(renderTemplate("Chào {name}, {remaining} trước {deadline}.", { name: "Lan", remaining: "còn 2 bài học", deadline: "23:59 10/06/2026" })).toBe(
      "Chào Lan, còn 2 bài học trước 23:59 10/06/2026.",
    );
    expect(renderTemplate("{name} {oops}", { name: "Lan" })).toBe("Lan {oops}");
    expect(placeholdersIn("{a} và {b}")).toEqual(["a", "b"]);
  });

  it("says in Vietnamese what is left to do", () => {
    expect(describeRemaining({ lessonsDone: 11, lessonCount: 14, testDone: false })).toBe("còn 3 bài học và bài kiểm tra");
    expect(describeRemaining({ lessonsDone: 14, lessonCount: 14, testDone: false })).toBe("còn bài kiểm tra");
    expect(describeRemaining({ lessonsDone: 14, lessonCount: 14, testDone: true })).toBe("đã hoàn thành");
    expect(isFinished({ lessonsDone: 14, lessonCount: 14, testDone: true })).toBe(true);
    expect(progressOf({ lessonsDone: 7, lessonCount: 14, testDone: false })).toBeCloseTo(7 / 15);
  });

  it("truncates by letters, never splitting a Vietnamese character", () => {
    expect(truncate("Giai đoạn 1 sắp kết thúc, còn 3 giờ", 20)).toBe("Giai đoạn 1 sắp kết…");
    expect([...truncate("ỗỗỗỗỗỗỗ", 4)]).toHaveLength(4);
    expect(truncate("ngắn", 32)).toBe("ngắn");
  });

  it("refuses a pack whose reminder uses an unknown placeholder or repeats a rule id", () => {
    const base = { stage: "stage1", edge: "closes", audience: "unfinished", title: "Nhắc", body: "{remainig}" };
    const bad = RemindersConfigSchema.safeParse({ rules: [{ id: "a", ...base }, { id: "a", ...base, body: "ok" }] });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join("\n");
    expect(messages).toContain("{remainig}");
    expect(messages).toContain("mã quy tắc a bị trùng");
  });
});
