import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPerson } from "../test/seed";
import { buildTestApp, type TestApp } from "../test/test-app";
import { save, startAndLoad } from "../features/quiz/quiz.test-helpers";

/**
 * An acknowledgement means "on disk" (ADR 0009): on SQLite the commit is flushed off the API's
 * thread, so every write is answered only once ctx.durable() has resolved — a group-committed
 * answer save and an ordinary write alike. Here durable() is held shut and opened by the test.
 */
describe("writes are acknowledged only once durable (SQLite)", () => {
  let t: TestApp;
  let open: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  let asked = 0;

  beforeAll(async () => {
    t = await buildTestApp("sqlite");
    const real = t.app.ctx.durable;
    t.app.ctx.durable = () => {
      asked++;
      return gate.then(real);
    };
  });
  afterAll(() => t.close());

  const shut = () => {
    gate = new Promise<void>((resolve) => (open = resolve));
  };
  /** Whether the request is still unanswered after a few turns of the event loop. */
  const pending = async (p: Promise<unknown>) => {
    let done = false;
    void p.then(() => (done = true));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    return !done;
  };

  it("holds an answer save until the flush, then answers it", async () => {
    const me = await seedPerson(t, "Người thi bền", { unitCode: "10507", lessons: t.pack.lessons.length });
    const paper = await startAndLoad(t, me.auth);
    const q = paper.questions[0]!;
    shut();
    const res = save(t, me.auth, paper.attempt.id, q.id, q.options[0]!.id, 1);
    expect(await pending(res)).toBe(true);
    open();
    expect((await res).statusCode).toBe(200);
  });

  it("holds any other write (here a profile change) until the flush, but not a read", async () => {
    const me = await t.signIn("Người sửa hồ sơ", "staff", "10507");
    shut();
    const before = asked;
    const read = t.app.inject({ method: "GET", url: "/api/quiz", headers: me.auth });
    expect(await pending(read)).toBe(false);
    expect(asked).toBe(before);
    const write = t.app.inject({ method: "PATCH", url: "/api/me", headers: me.auth, payload: { position: "Chuyên viên" } });
    expect(await pending(write)).toBe(true);
    open();
    expect((await write).statusCode).toBe(200);
  });
});
