import { Readable } from "node:stream";
import type { TestApp } from "../../test/test-app";
import { confirmStage1Qualifiers, type FixtureEntry, insertSubmittedEntries } from "../../test/entries-fixture";

export type Auth = { authorization: string };
export type Person = { id: string; auth: Auth; unitCode: string | null };

/** 10 communes + 1 department, as Stage 1 would qualify them. */
export const QUALIFIED = ["10507", "10525", "10532", "10537", "10543", "10546", "10549", "10552", "10570", "10573", "VP-UBND"];

export async function person(t: TestApp, name: string, role: "staff" | "organizer" | "judge" | "unit_lead", unitCode?: string): Promise<Person> {
  const s = await t.signIn(name, role, unitCode);
  return { id: s.user.id, auth: s.auth, unitCode: s.user.unitCode };
}

/** Every criterion at `score` (with a comment, so extremes pass too). */
export function sheet(t: TestApp, score: number, submit = true) {
  return { scores: Object.fromEntries(t.pack.jury.rubric.map((c) => [c.key, { score, comment: "Nhận xét của giám khảo" }])), submit };
}

export async function api(t: TestApp, method: "GET" | "POST" | "PUT", url: string, auth?: Auth, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: auth, payload: payload as object | undefined });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted by each test
  return { status: res.statusCode, body: res.body, json: () => res.json() as any, headers: res.headers };
}

/**
 * Stage 1 confirmed, 11 Stage-2 entries submitted, three judges appointed: j1 works in a qualified
 * unit (automatic conflict), j2 and j3 elsewhere.
 */
export async function setupRound1(t: TestApp) {
  const org = await person(t, "Ban Tổ Chức", "organizer");
  await confirmStage1Qualifiers(t.app.ctx.db, QUALIFIED, org.id, t.clock.now());
  const entries: FixtureEntry[] = await insertSubmittedEntries(t.app.ctx.db, "stage2", QUALIFIED);
  const j1 = await person(t, "Giám Khảo Một", "judge", "10507");
  const j2 = await person(t, "Giám Khảo Hai", "judge", "SO-NV");
  const j3 = await person(t, "Giám Khảo Ba", "judge", "SO-TC");
  for (const j of [j1, j2, j3]) {
    const r = await api(t, "POST", "/api/jury/rounds/stage2/judges", org.auth, { userId: j.id });
    if (r.status !== 200) throw new Error(`appoint: ${r.status} ${r.body}`);
  }
  return { org, j1, j2, j3, entries };
}

/** Entry i (0 = best) gets 8.5 − 0.5·i from every judge, shifted by the judge's leniency. */
export async function scoreAll(t: TestApp, judge: Person, leniency: number, roundId: "stage2" | "stage3" = "stage2", skip: string[] = []) {
  const list = (await api(t, "GET", `/api/jury/rounds/${roundId}/sheets`, judge.auth)).json().entries as { entryId: string; entryCode: string }[];
  for (const e of list) {
    if (skip.includes(e.entryId)) continue;
    const i = Number(e.entryCode.slice(1)) - 1;
    const score = Math.min(8.5, Math.max(2.5, 8.5 - 0.5 * i + leniency));
    const r = await api(t, "PUT", `/api/jury/rounds/${roundId}/sheets/${e.entryId}`, judge.auth, sheet(t, score));
    if (r.status !== 200) throw new Error(`score: ${r.status} ${r.body}`);
  }
  return list;
}

/**
 * Give an entry real files in the store, as an upload leaves them: the bytes under the storage key,
 * the file rows, and the submitted version's file list. Their names and metadata name the unit.
 */
export async function attachFiles(t: TestApp, entryId: string, files: { id: string; name: string; mime: string; body: Buffer }[]) {
  const db = t.app.ctx.db;
  const entry = await db.selectFrom("entries").select("submittedVersionId").where("id", "=", entryId).executeTakeFirstOrThrow();
  await db.updateTable("entryFiles").set({ removedAt: new Date().toISOString() }).where("entryId", "=", entryId).execute();
  const at = new Date().toISOString();
  for (const f of files) {
    const storageKey = `entries/test/${f.id}`;
    await t.app.ctx.files.put(storageKey, Readable.from(f.body), f.body.length, f.mime);
    await db.insertInto("entryFiles").values({ id: f.id, entryId, storageKey, blindStorageKey: null, name: f.name, size: f.body.length, sha256: "2".repeat(64), mime: f.mime, uploadedBy: null, createdAt: at, removedAt: null }).execute();
  }
  const list = files.map((f) => ({ id: f.id, name: f.name, size: f.body.length, sha256: "2".repeat(64), mime: f.mime, createdAt: at }));
  await db.updateTable("entryVersions").set({ filesJson: JSON.stringify(list) }).where("id", "=", entry.submittedVersionId!).execute();
}
