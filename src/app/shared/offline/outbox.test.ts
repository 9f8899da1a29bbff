import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { isRetryable } from "../../../domain/shared/errors";
import { markReadOrQueue, pendingReads } from "../../features/reminders/pending-reads";
import { quizOutbox } from "../../features/quiz/quiz-outbox";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { fakeFetch, json } from "../../test/render-app";
import { ApiRequestError } from "../api/api-client";
import { STORAGE_KEYS } from "../storage/storage-keys";
import { createOutbox, reloadOutboxesFromStorage } from "./outbox";

const Draft = z.object({ userId: z.string(), text: z.string() });
type Draft = z.infer<typeof Draft>;

const refusal = (code: ApiRequestError["code"]) => new ApiRequestError(code, 400, code);

describe("the one offline outbox", () => {
  beforeEach(() => {
    resetFakeFence();
    reloadOutboxesFromStorage();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("reads storage once, keeps entries in memory and writes through once per change", () => {
    const outbox = createOutbox<Draft>({ key: "test.drafts", schema: Draft });
    const get = vi.spyOn(fakeFence.storage, "getItem");
    const set = vi.spyOn(fakeFence.storage, "setItem");
    for (let i = 0; i < 30; i += 1) outbox.put(`d${i}`, { userId: "u1", text: `bản nháp ${i}` });
    outbox.update("d0", (prev) => prev && { ...prev, text: "sửa" });
    outbox.remove("d1");
    expect(outbox.size()).toBe(29);
    expect(get).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledTimes(32);
    const stored = JSON.parse(fakeFence.storage.getItem("test.drafts")!);
    expect(stored).toMatchObject({ v: 1, entries: { d0: { userId: "u1", text: "sửa" } } });
    expect(stored.entries.d1).toBeUndefined();
  });

  it("an answer tap does not re-read or re-parse the outbox", () => {
    quizOutbox.record("att-1", "q0", "a"); // the first use loads storage
    const get = vi.spyOn(fakeFence.storage, "getItem");
    const parse = vi.spyOn(JSON, "parse");
    for (let q = 1; q <= 30; q += 1) quizOutbox.record("att-1", `q${q}`, "b");
    expect(get).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
    expect(Object.keys(quizOutbox.pending("att-1"))).toHaveLength(31);
  });

  it("checks entries with zod on load: a bad entry is dropped, the rest kept", () => {
    fakeFence.storage.setItem("test.drafts", JSON.stringify({ v: 1, entries: { ok: { userId: "u1", text: "giữ" }, bad: { userId: 7 } } }));
    const outbox = createOutbox<Draft>({ key: "test.drafts", schema: Draft });
    expect(outbox.entries()).toEqual([["ok", { userId: "u1", text: "giữ" }]]);
  });

  it("reads what older builds stored (quiz `attempts`, a plain array of read ids)", () => {
    const oldPaper = { paper: { attempt: { id: "att-9" } }, clockOffsetMs: 0 }; // a shape this build no longer reads
    fakeFence.storage.setItem(STORAGE_KEYS.quizOutbox, JSON.stringify({ v: 1, attempts: { "att-9": { nextSeq: 4, pending: { q1: { optionId: "c", seq: 3 } }, flagged: ["q2"], paper: oldPaper } } }));
    fakeFence.storage.setItem(STORAGE_KEYS.inboxPendingReads, JSON.stringify(["m1", "m2"]));
    reloadOutboxesFromStorage();
    expect(quizOutbox.pending("att-9")).toEqual({ q1: { optionId: "c", seq: 3 } });
    expect(quizOutbox.cachedPaper("att-9")).toBeNull();
    expect(quizOutbox.record("att-9", "q5", "a").seq).toBe(4);
    expect(pendingReads()).toEqual(["m1", "m2"]);
  });

  it("replays the signed-in person's entries, stops at a failure worth retrying, and drops (and reports) a final refusal", async () => {
    const outcomes: Record<string, Error | null> = { a: null, b: refusal("VALIDATION_FAILED"), c: new ApiRequestError("NETWORK", 0, "offline"), d: null };
    const sent: string[] = [];
    const outbox = createOutbox<Draft>({
      key: "test.replay",
      schema: Draft,
      ownerOf: (d) => d.userId,
      onFinal: "report",
      send: async (id) => {
        sent.push(id);
        const err = outcomes[id];
        if (err) throw err;
        outbox.remove(id);
        return true;
      },
    });
    for (const id of ["a", "x", "b", "c", "d"]) outbox.put(id, { userId: id === "x" ? "someone-else" : "u1", text: id });

    const first = await outbox.replay("u1");
    expect(sent).toEqual(["a", "b", "c"]);
    expect(first).toMatchObject({ sent: 1, stalled: true });
    expect(first.failed).toEqual([outcomes.b]);
    expect(outbox.stalled()).toBe(true);
    expect(outbox.entries().map(([id]) => id)).toEqual(["x", "c", "d"]);

    outcomes.c = null;
    const second = await outbox.replay("u1");
    expect(second).toEqual({ sent: 2, failed: [], stalled: false });
    expect(outbox.stalled()).toBe(false);
    expect(outbox.entries().map(([id]) => id)).toEqual(["x"]);
  });

  it("has one retry policy: passing faults are retried, refusals are final", () => {
    for (const code of ["NETWORK", "BAD_RESPONSE", "INTERNAL", "RATE_LIMITED", "SESSION_EXPIRED", "UNAUTHENTICATED"] as const) expect(isRetryable(code), code).toBe(true);
    for (const code of ["VALIDATION_FAILED", "FORBIDDEN", "NOT_FOUND", "PROGRESS_IMPLAUSIBLE", "OPTION_INVALID", "ATTEMPT_NOT_FOUND", "NOTIFICATION_NOT_FOUND"] as const) expect(isRetryable(code), code).toBe(false);
  });

  it("keeps an inbox read when the server has a passing fault (it used to be dropped), and drops one it refuses", async () => {
    let answer = json({ error: { code: "INTERNAL", message: "Internal Server Error" } }, 500);
    fakeFetch(() => answer);
    expect(await markReadOrQueue("m1")).toBeNull();
    answer = json({ error: { code: "RATE_LIMITED", message: "slow down" } }, 429);
    expect(await markReadOrQueue("m2")).toBeNull();
    expect(pendingReads()).toEqual(["m1", "m2"]);
    answer = json({ error: { code: "NOTIFICATION_NOT_FOUND", message: "gone" } }, 404);
    await expect(markReadOrQueue("m3")).rejects.toMatchObject({ code: "NOTIFICATION_NOT_FOUND" });
    expect(pendingReads()).toEqual(["m1", "m2"]);
  });
});
