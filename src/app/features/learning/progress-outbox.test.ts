import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProgressResponse } from "../../../domain/learning/learning.schema";
import { setApiToken } from "../../shared/api/api-client";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { lessonOutbox, onProgressAccepted, replayLessonOutbox, resumePoint, sendLessonProgress } from "./progress-outbox";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const accepted = (lessonId: string, intervals: [number, number][], lastPosition: number): ProgressResponse => ({
  lessonId,
  intervals,
  watchedSec: intervals.reduce((s, [a, b]) => s + b - a, 0),
  coverage: 0.5,
  lastPosition,
  completed: false,
  completedAt: null,
  justCompleted: false,
  completedCount: 0,
  total: 14,
});

function mockFetch(handler: (url: string, body: { intervals: [number, number][]; position: number }) => Response | Promise<Response>) {
  const sent: { url: string; body: { intervals: [number, number][]; position: number } }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body));
      sent.push({ url, body });
      return handler(url, body);
    }),
  );
  return sent;
}

describe("lesson progress outbox on the phone", () => {
  beforeEach(() => {
    resetFakeFence();
    setApiToken("t");
  });
  afterEach(() => vi.unstubAllGlobals());

  it("merges what is watched into one entry per person and lesson, in the fence's storage", () => {
    lessonOutbox.record("u1", "bai-01", [[0, 4]], 4, 1000);
    lessonOutbox.record("u1", "bai-01", [[4, 9], [20, 22]], 22, 2000);
    lessonOutbox.record("u2", "bai-01", [[0, 1]], 1, 2000);
    expect(lessonOutbox.get("u1", "bai-01")).toMatchObject({ intervals: [[0, 9], [20, 22]], position: 22 });
    expect(lessonOutbox.pendingFor("u1")).toHaveLength(1);
    expect(JSON.parse(fakeFence.storage.getItem(STORAGE_KEYS.lessonOutbox)!).entries["u1/bai-01"].position).toBe(22);
    expect(resumePoint(5, lessonOutbox.get("u1", "bai-01"))).toBe(22);
    expect(resumePoint(5, lessonOutbox.get("u1", "bai-02"))).toBe(5);
  });

  it("keeps a report made offline and sends it, once, when the network is back", async () => {
    let online = false;
    const sent = mockFetch((_url, body) => (online ? json(accepted("bai-03", body.intervals, body.position)) : Promise.reject(new TypeError("Failed to fetch"))));
    const heard: ProgressResponse[] = [];
    const off = onProgressAccepted((p) => heard.push(p));
    lessonOutbox.record("u1", "bai-03", [[0, 10]], 10, 1000);

    const offline = await sendLessonProgress("u1", "bai-03");
    expect(offline.status).toBe("queued");
    expect(lessonOutbox.get("u1", "bai-03")?.intervals).toEqual([[0, 10]]);

    online = true;
    const replay = await replayLessonOutbox("u1");
    expect(replay).toEqual({ sent: 1, failed: [] });
    expect(sent.at(-1)).toMatchObject({ url: "/api/lessons/bai-03/progress", body: { intervals: [[0, 10]], position: 10 } });
    expect(lessonOutbox.get("u1", "bai-03")).toBeNull();
    expect(heard.map((p) => p.lessonId)).toEqual(["bai-03"]);
    expect(await sendLessonProgress("u1", "bai-03")).toEqual({ status: "nothing" });
    off();
  });

  it("keeps what was watched while a report was on its way", async () => {
    let release: () => void = () => undefined;
    mockFetch(async (_url, body) => {
      await new Promise<void>((r) => (release = r));
      return json(accepted("bai-04", body.intervals, body.position));
    });
    lessonOutbox.record("u1", "bai-04", [[0, 10]], 10, 1000);
    const sending = sendLessonProgress("u1", "bai-04");
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    lessonOutbox.record("u1", "bai-04", [[10, 12]], 12, 2000);
    release();
    await sending;
    expect(lessonOutbox.get("u1", "bai-04")).toMatchObject({ intervals: [[10, 12]], position: 12 });
  });

  it("drops a report the server refuses for good, and says why", async () => {
    mockFetch(() => json({ error: { code: "PROGRESS_IMPLAUSIBLE", message: "too fast" } }, 422));
    lessonOutbox.record("u1", "bai-05", [[0, 40]], 40, 1000);
    await expect(sendLessonProgress("u1", "bai-05")).rejects.toMatchObject({ code: "PROGRESS_IMPLAUSIBLE" });
    expect(lessonOutbox.get("u1", "bai-05")).toBeNull();
  });

  it("keeps a report when the server has a passing fault", async () => {
    mockFetch(() => json({ error: { code: "INTERNAL", message: "Internal Server Error" } }, 500));
    lessonOutbox.record("u1", "bai-06", [[0, 5]], 5, 1000);
    expect((await sendLessonProgress("u1", "bai-06")).status).toBe("queued");
    expect(lessonOutbox.get("u1", "bai-06")).not.toBeNull();
  });
});
