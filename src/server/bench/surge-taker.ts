import { setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { AnswersOnTheirWay } from "../../domain/quiz/answer-sends";
import type { LeanAgent } from "./lean-http";
import type { HttpResult } from "./load";
import type { Finish, Kind, SurgeState } from "./surge-state";

/**
 * One person taking the test on the last evening, as the phone app does it (use-attempt.ts):
 * every tap is put in the outbox with the attempt's next `seq` and sent at once; what fails is
 * replayed every few seconds and when the connection comes back (never a tap whose request is
 * still on its way, answer-sends.ts); submit first sends what waits.
 */

export type TakerPlan = {
  token: string;
  startAt: number;
  thinkMs: readonly [number, number];
  /** Chance, after each answer, of going back to change an earlier one. */
  changeProb: number;
  /** Chance that a changed answer's older save reaches the server again late (it must not win). */
  staleProb: number;
  offline: { afterAnswer: number; ms: number } | null;
  finish: Finish;
  retryMs: number;
  replica: number;
  /** This phone's connections, one pool per API replica (by index). */
  agents: LeanAgent[];
  rnd: () => number;
};

type Pending = { optionId: string; seq: number };

/** A phone's requests share one signal while it is online: every tap waiting for a connection adds a listener, so allow more than Node's default 10 (a test has at most ~60 taps). */
function onlineSpell(): AbortController {
  const controller = new AbortController();
  setMaxListeners(100, controller.signal);
  return controller;
}

export class Taker {
  attemptId: string | null = null;
  /** Every save sent, by seq (each tap has its own): the question and the option shown (display id). Arrays, not a map per question: 20 000 phones hold them. */
  private readonly sentQuestions: string[] = [];
  private readonly sentOptions: string[] = [];
  /** The highest acknowledged save per question. */
  readonly acked = new Map<string, Pending>();
  submitted: { score: number; correctCount: number } | null = null;
  gaveUp: string | null = null;
  private readonly outbox = new Map<string, Pending>();
  private readonly stale = new Map<string, Pending>();
  private nextSeq = 1;
  private offline = false;
  private closed = false;
  private flushing: Promise<void> | null = null;
  /** As the app (use-attempt.ts): a replay does not re-send a tap whose request has not come back. */
  private readonly onTheirWay = new AnswersOnTheirWay();
  private retryScheduled = false;
  /** Aborted when the phone loses the network: every request on its way goes with it. One per online spell, not one per request (cheaper for 20 000 phones). */
  private online = onlineSpell();
  private downSince: number | null = null;
  private replica: number;

  constructor(private readonly s: SurgeState, readonly plan: TakerPlan) {
    this.replica = plan.replica;
  }

  /** The option this phone sent for this question with this seq, if it did. */
  sentOption(questionId: string, seq: number): string | undefined {
    return this.sentQuestions[seq - 1] === questionId ? this.sentOptions[seq - 1] : undefined;
  }

  private think = (scale = 1) => sleep(scale * (this.plan.thinkMs[0] + this.plan.rnd() * (this.plan.thinkMs[1] - this.plan.thinkMs[0])));

  /** One request. null when it got no usable answer (counted as the right kind of failure). */
  private async call(kind: Kind, method: string, path: string, body?: unknown): Promise<HttpResult | null> {
    if (this.offline) return null;
    // Back to its own replica once that one is up again (a balancer spreads new connections over every healthy replica).
    if (this.replica !== this.plan.replica && !this.s.isDown(this.plan.replica, Date.now())) this.replica = this.plan.replica;
    const replica = this.replica;
    const sentAt = Date.now();
    const res = await this.plan.agents[replica]!.request(method, path, {
      headers: { authorization: `Bearer ${this.plan.token}` },
      body,
      timeoutMs: 30_000,
      signal: this.online.signal,
    });
    const now = Date.now();
    if (res.status === 200) {
      this.s.latencies[kind].push(res.ms);
      if (kind === "save") this.s.saveSentAt.push(sentAt);
      if (kind === "backlog") this.s.backlogSentAt.push(sentAt);
      if (this.downSince !== null) this.s.gapsMs.push(now - this.downSince);
      this.downSince = null;
      return res;
    }
    if (res.status === 0 && res.error === "ABORTED") {
      this.s.lostToOffline++;
      return null;
    }
    // Through a proxy, an API that is down shows as the proxy's own 502, 503 or 504 (HTML, not the API's JSON error).
    const proxyFailure = this.s.throughProxy && res.status >= 502 && res.status <= 504 && !res.body.startsWith("{");
    if (res.status === 0 || proxyFailure) {
      if (this.s.isDown(replica, now) || this.s.isDown(replica, sentAt)) this.s.expectedConnFailures++;
      else this.s.unexpectedError(`${kind} ${proxyFailure ? `proxy ${res.status}` : `connection ${res.error}`}`, `${method} ${path}`);
      // From the moment the phone saw the failure (a request queued long before the crash does not count as time without service).
      this.downSince ??= now;
      // A round-robin balancer stops sending to a replica that refuses connections.
      if (this.plan.agents.length > 1) this.replica = (this.replica + 1) % this.plan.agents.length;
      return null;
    }
    const code = (/"code":"([A-Z_]+)"/.exec(res.body) ?? [])[1] ?? "";
    if (kind === "save" && code === "ATTEMPT_CLOSED" && now >= this.s.deadlineAt) {
      this.s.lateRefused++;
      this.closed = true;
    } else this.s.unexpectedError(`${kind} ${res.status} ${code}`, res.body);
    return res;
  }

  /** Pages the person waits on: retry what got no answer (they tap "try again"), until the attempt is over. */
  private async must(kind: Kind, method: string, path: string): Promise<unknown> {
    for (;;) {
      const res = await this.call(kind, method, path);
      if (res?.status === 200) return JSON.parse(res.body);
      if ((res && res.status < 500) || Date.now() > this.s.deadlineAt + this.s.graceMs) return null;
      await sleep(1000 + this.plan.rnd() * 2000);
    }
  }

  /** true when the server holds this answer (or a newer one): the tap no longer needs sending. */
  private async sendOne(questionId: string, p: Pending): Promise<boolean> {
    if (this.closed) return false;
    this.onTheirWay.begin(questionId, p.seq, Date.now());
    const res = await this.call("save", "PUT", `/api/quiz/attempts/${this.attemptId}/answers/${questionId}`, p);
    this.onTheirWay.end(questionId, p.seq);
    if (!res || res.status >= 500) {
      if (!this.offline) this.scheduleRetry();
      return false;
    }
    if (res.status !== 200) {
      // Refused for good: the app drops the tap (and tells the person); counted as an error unless it came after the deadline.
      this.outbox.delete(questionId);
      return false;
    }
    this.acknowledged(questionId, p, (JSON.parse(res.body) as { answer: Pending }).answer);
    return true;
  }

  /** The outbox's backlog in one request, as the app sends it (use-answer-sends.ts); true when the server holds all of it. */
  private async sendMany(taps: [string, Pending][]): Promise<boolean> {
    if (this.closed) return false;
    const now = Date.now();
    for (const [questionId, p] of taps) this.onTheirWay.begin(questionId, p.seq, now);
    const body = { answers: taps.map(([questionId, p]) => ({ questionId, optionId: p.optionId, seq: p.seq })) };
    const res = await this.call("backlog", "POST", `/api/quiz/attempts/${this.attemptId}/answers`, body);
    for (const [questionId, p] of taps) this.onTheirWay.end(questionId, p.seq);
    if (!res || res.status >= 500) {
      if (!this.offline) this.scheduleRetry();
      return false;
    }
    if (res.status !== 200) {
      for (const [questionId] of taps) this.outbox.delete(questionId);
      return false;
    }
    this.s.backlogAnswers.push(taps.length);
    type Result = { ok: true; questionId: string; answer: Pending } | { ok: false; questionId: string; code: string };
    let all = true;
    for (const r of (JSON.parse(res.body) as { results: Result[] }).results) {
      const p = taps.find(([q]) => q === r.questionId)?.[1];
      if (!p) this.s.unexpectedError("backlog answered a question not sent", r.questionId);
      else if (r.ok) this.acknowledged(r.questionId, p, r.answer);
      else {
        all = false;
        if (r.code === "ATTEMPT_CLOSED" && Date.now() >= this.s.deadlineAt) {
          this.s.lateRefused++;
          this.closed = true;
        } else {
          this.s.unexpectedError(`backlog answer ${r.code}`, `${r.questionId}: ${p.optionId}@${p.seq}`);
          this.outbox.delete(r.questionId);
        }
      }
    }
    return all;
  }

  /** The server holds `answer` for this question, in reply to the tap `p`. */
  private acknowledged(questionId: string, p: Pending, answer: Pending): void {
    if (answer.seq < p.seq || (answer.seq === p.seq && answer.optionId !== p.optionId))
      this.s.unexpectedError("save answered with another answer", `${questionId}: sent ${p.optionId}@${p.seq}, got ${answer.optionId}@${answer.seq}`);
    if ((this.acked.get(questionId)?.seq ?? 0) < p.seq) this.acked.set(questionId, p);
    if ((this.outbox.get(questionId)?.seq ?? Infinity) <= answer.seq) this.outbox.delete(questionId);
    const old = this.stale.get(questionId);
    if (old && old.seq < p.seq) {
      this.stale.delete(questionId);
      void this.replayStale(questionId, old);
    }
  }

  /** A late copy of an older save: acknowledged without being applied, the newer answer stays. */
  private async replayStale(questionId: string, old: Pending): Promise<void> {
    await this.think(0.2);
    const res = await this.call("save", "PUT", `/api/quiz/attempts/${this.attemptId}/answers/${questionId}`, old);
    if (res?.status !== 200) return;
    const r = JSON.parse(res.body) as { applied: boolean; answer: Pending };
    if (!r.applied && r.answer.seq > old.seq) this.s.staleRefused++;
    else {
      this.s.staleApplied++;
      this.s.unexpectedError("an older seq overwrote a newer answer", `${questionId}@${old.seq}: ${res.body}`);
    }
  }

  private scheduleRetry(): void {
    if (this.retryScheduled) return;
    this.retryScheduled = true;
    // The app's outbox retries on a fixed few-second tick: the next one comes 0–retryMs later.
    setTimeout(() => {
      this.retryScheduled = false;
      void this.flush();
    }, this.plan.rnd() * this.plan.retryMs);
  }

  /** Send everything still waiting and not on its way (all of it before a submit) in one request, oldest tap first. */
  private flush(everything = false): Promise<void> {
    this.flushing ??= (async () => {
      const waiting = everything ? [...this.outbox.entries()].sort((a, b) => a[1].seq - b[1].seq) : this.onTheirWay.due(this.outbox.entries(), Date.now());
      if (waiting.length > 0) await this.sendMany(waiting);
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private tap(questionId: string, optionId: string): void {
    const p = { optionId, seq: this.nextSeq++ };
    this.outbox.set(questionId, p);
    this.sentQuestions[p.seq - 1] = questionId;
    this.sentOptions[p.seq - 1] = optionId;
    // As the app: a tap while others wait goes with them, in one request.
    if (!this.flushing && this.onTheirWay.joinsBacklog(this.outbox.entries(), Date.now())) return void this.flush();
    void this.sendOne(questionId, p).then((ok) => (ok ? this.flush() : undefined));
  }

  private goOffline(ms: number): void {
    this.offline = true;
    // Whatever was on the way is lost with the connection (the server may or may not have it).
    this.online.abort();
    this.online = onlineSpell();
    setTimeout(() => {
      this.offline = false;
      void this.flush();
    }, ms);
  }

  async run(): Promise<void> {
    await sleep(Math.max(0, this.plan.startAt - Date.now()));
    this.s.started++;
    try {
      await this.takeTest();
    } finally {
      this.s.finished++;
    }
  }

  /**
   * The paper's ids only. The texts of 20 000 papers were half the generator's heap (its collections
   * stalled every phone), and a suspended async function keeps every local alive: so the parsed
   * response lives and dies in this function, not in takeTest's frame.
   */
  private async paper(): Promise<{ id: string; options: string[] }[] | null> {
    const shown = (await this.must("paper", "GET", `/api/quiz/attempts/${this.attemptId}`)) as { questions: { id: string; options: { id: string }[] }[] } | null;
    return shown && shown.questions.map((q) => ({ id: q.id, options: q.options.map((o) => o.id) }));
  }

  private async takeTest(): Promise<void> {
    const status = (await this.must("status", "GET", "/api/quiz")) as { canStart: boolean; activeAttemptId: string | null } | null;
    if (!status) return void (this.gaveUp = "status");
    if (!(status.canStart || status.activeAttemptId)) {
      this.s.unexpectedError("status says the test cannot start", JSON.stringify(status));
      return void (this.gaveUp = "status");
    }
    const start = (await this.must("start", "POST", "/api/quiz/attempts")) as { attempt: { id: string } } | null;
    if (!start) return void (this.gaveUp = "start");
    this.attemptId = start.attempt.id;
    const paper = await this.paper();
    if (!paper) return void (this.gaveUp = "paper");
    const { rnd } = this.plan;
    const pick = (q: { options: string[] }, not?: string) => {
      const options = q.options.filter((o) => o !== not);
      return options[Math.floor(rnd() * options.length)]!;
    };
    for (const [i, q] of paper.entries()) {
      await this.think();
      if (this.plan.offline?.afterAnswer === i) this.goOffline(this.plan.offline.ms);
      // Time is up (the app counts down to dueAt): no more taps.
      if (this.closed || Date.now() >= this.s.deadlineAt) break;
      this.tap(q.id, pick(q));
      if (i > 0 && rnd() < this.plan.changeProb) {
        // Back to an earlier question, another option: the newer seq must win.
        await this.think(0.5);
        const earlier = paper[Math.floor(rnd() * i)]!;
        const prev = this.outbox.get(earlier.id) ?? this.acked.get(earlier.id);
        if (prev && rnd() < this.plan.staleProb && this.acked.get(earlier.id)?.seq === prev.seq) this.stale.set(earlier.id, prev);
        if (!this.closed) this.tap(earlier.id, pick(earlier, prev?.optionId));
      }
    }
    // Like the app's submit: send what waits first; answers still waiting mean "try again in a moment".
    while (this.outbox.size > 0 && !this.closed && Date.now() < this.s.deadlineAt + this.s.graceMs) {
      await this.flush(true);
      if (this.outbox.size > 0) await sleep(this.plan.retryMs / 2);
    }
    if (this.plan.finish === "sweeper") return;
    if (this.plan.finish === "last-second") await sleep(Math.max(0, this.s.deadlineAt - (300 + rnd() * 2200) - Date.now()));
    const done = (await this.must("submit", "POST", `/api/quiz/attempts/${this.attemptId}/submit`)) as { result: { score: number; correctCount: number } } | null;
    if (!done) return void (this.gaveUp = "submit");
    this.submitted = done.result;
  }
}
