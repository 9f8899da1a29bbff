import { beforeEach, describe, expect, it } from "vitest";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { STORAGE_KEYS } from "../../shared/storage/storage-keys";
import { reloadOutboxesFromStorage } from "../../shared/offline/outbox";
import { quizOutbox } from "./quiz-outbox";

describe("quiz outbox on the phone", () => {
  beforeEach(() => resetFakeFence());

  it("keeps every tap with a growing seq in the fence's storage until it is acknowledged", () => {
    const a = quizOutbox.record("att-1", "q1", "b");
    const b = quizOutbox.record("att-1", "q2", "a");
    const c = quizOutbox.record("att-1", "q1", "c");
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    expect(quizOutbox.pending("att-1")).toEqual({ q1: { optionId: "c", seq: 3 }, q2: { optionId: "a", seq: 2 } });
    expect(JSON.parse(fakeFence.storage.getItem(STORAGE_KEYS.quizOutbox)!).entries["att-1"].pending.q1).toEqual({ optionId: "c", seq: 3 });

    // An acknowledgement of the older tap does not drop the newer one.
    quizOutbox.acknowledge("att-1", "q1", 1);
    expect(quizOutbox.pending("att-1").q1).toEqual({ optionId: "c", seq: 3 });
    quizOutbox.acknowledge("att-1", "q1", 3);
    quizOutbox.acknowledge("att-1", "q2", 5);
    expect(quizOutbox.pending("att-1")).toEqual({});
  });

  it("numbers new taps above what the server already holds", () => {
    quizOutbox.seenSeq("att-2", 41);
    expect(quizOutbox.record("att-2", "q1", "a").seq).toBe(42);
    quizOutbox.seenSeq("att-2", 10);
    expect(quizOutbox.record("att-2", "q1", "b").seq).toBe(43);
  });

  it("keeps attempts apart, remembers flags, and forgets an attempt once it is over", () => {
    quizOutbox.record("att-3", "q1", "a");
    quizOutbox.record("att-4", "q1", "d");
    expect(quizOutbox.toggleFlag("att-3", "q7")).toEqual(["q7"]);
    expect(quizOutbox.toggleFlag("att-3", "q9")).toEqual(["q7", "q9"]);
    expect(quizOutbox.toggleFlag("att-3", "q7")).toEqual(["q9"]);
    quizOutbox.clear("att-3");
    expect(quizOutbox.pending("att-3")).toEqual({});
    expect(quizOutbox.flagged("att-3")).toEqual([]);
    expect(quizOutbox.pending("att-4")).toEqual({ q1: { optionId: "d", seq: 1 } });
  });

  it("drops only the exact tap the server refused, and survives corrupt storage", () => {
    const first = quizOutbox.record("att-5", "q1", "a");
    const second = quizOutbox.record("att-5", "q1", "b");
    quizOutbox.discard("att-5", "q1", first.seq);
    expect(quizOutbox.pending("att-5").q1).toEqual(second);
    fakeFence.storage.setItem(STORAGE_KEYS.quizOutbox, "{not json");
    reloadOutboxesFromStorage(); // as when the app starts again and reads its storage
    expect(quizOutbox.pending("att-5")).toEqual({});
    expect(quizOutbox.record("att-5", "q1", "c").seq).toBe(1);
  });

  it("keeps the cached paper's saved answers current for an offline reopen", () => {
    const paper = {
      attempt: { id: "att-6", number: 1, status: "active" as const, startedAt: "2026-06-01T01:00:00.000Z", dueAt: "2026-06-01T01:30:00.000Z", finishedAt: null, questionCount: 2, answeredCount: 0, score: null, correctCount: null, timeUsedSec: null, reviewOpensAt: null },
      questions: [],
      answers: [{ questionId: "q1", optionId: "a", seq: 1 }],
      result: null,
      graceSeconds: 30,
      serverNow: "2026-06-01T01:00:00.000Z",
    };
    quizOutbox.cachePaper("att-6", { paper, clockOffsetMs: 1200 });
    quizOutbox.rememberSaved("att-6", "q1", "c", 2);
    quizOutbox.rememberSaved("att-6", "q2", "b", 3);
    expect(quizOutbox.cachedPaper("att-6")!.paper.answers).toEqual([
      { questionId: "q1", optionId: "c", seq: 2 },
      { questionId: "q2", optionId: "b", seq: 3 },
    ]);
    expect(quizOutbox.cachedActive()).toEqual([{ attemptId: "att-6", dueAt: "2026-06-01T01:30:00.000Z" }]);
  });
});
