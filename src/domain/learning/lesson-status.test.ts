import { describe, expect, it } from "vitest";
import { isLessonLocked, learningSummary, lessonStatus } from "./lesson-status";
import { mediaUrl } from "./media-url";

const lessons = [{ id: "a" }, { id: "b" }, { id: "c" }];

describe("lesson status and order", () => {
  it("names the status from the server's progress", () => {
    expect(lessonStatus(undefined)).toBe("not_started");
    expect(lessonStatus({ watchedSec: 0, completedAt: null })).toBe("not_started");
    expect(lessonStatus({ watchedSec: 3, completedAt: null })).toBe("in_progress");
    expect(lessonStatus({ watchedSec: 40, completedAt: "2026-06-01T00:00:00.000Z" })).toBe("completed");
  });

  it("locks a lesson until every earlier one is done, only when the pack requires order", () => {
    expect(isLessonLocked(lessons, new Set(), "a", true)).toBe(false);
    expect(isLessonLocked(lessons, new Set(), "b", true)).toBe(true);
    expect(isLessonLocked(lessons, new Set(["b"]), "c", true)).toBe(true);
    expect(isLessonLocked(lessons, new Set(["a", "b"]), "c", true)).toBe(false);
    expect(isLessonLocked(lessons, new Set(), "c", false)).toBe(false);
  });

  it("counts a person as finished only with every lesson completed", () => {
    expect(learningSummary(["a", "b", "c"], new Set(["a", "c", "x"]))).toEqual({ completedCount: 2, total: 3, allCompleted: false });
    expect(learningSummary(["a", "b"], new Set(["a", "b"]))).toEqual({ completedCount: 2, total: 2, allCompleted: true });
    expect(learningSummary([], new Set()).allCompleted).toBe(false);
  });
});

describe("media URLs", () => {
  it("serves from this API under /media when no CDN is set", () => {
    expect(mediaUrl("", "media/bai-01.mp4")).toBe("/media/media/bai-01.mp4");
  });
  it("uses the CDN base when set, and leaves absolute URLs alone", () => {
    expect(mediaUrl("https://cdn.example.vn/hvai/", "media/bai-01.mp4")).toBe("https://cdn.example.vn/hvai/media/bai-01.mp4");
    expect(mediaUrl("https://cdn.example.vn", "https://video.example.vn/x.mp4")).toBe("https://video.example.vn/x.mp4");
  });
});
