import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EntryDraftSchema } from "../../../domain/entries/entries.schema";
import { entriesWorld, type EntriesWorld, ROUND } from "../../../server/features/entries/entries.test-helpers";
import { setApiToken } from "../../shared/api/api-client";
import { resetFakeFence } from "../../test/fake-fence";
import { draftKey, entryDraftOutbox, entryDrafts, type DraftSendResult, onDraftSent, sendEntryDraft } from "./draft-outbox";

const draft = (title: string) => EntryDraftSchema.parse({ fields: { title } });

/** The drafts outbox against the real API over HTTP (SQLite), with the network cut where the test says. */
describe("entry drafts in the app's one offline outbox", () => {
  let w: EntriesWorld;
  let offline = false;
  beforeAll(async () => {
    w = await entriesWorld("sqlite");
    await w.app.listen({ host: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
    const realFetch = globalThis.fetch;
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
      if (offline) return Promise.reject(new TypeError("Failed to fetch"));
      return realFetch(typeof input === "string" && input.startsWith("/") ? `${url}${input}` : input, init);
    });
    setApiToken(w.leadA.token);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    setApiToken(null);
    await w?.close();
    rmSync(w.filesDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    resetFakeFence();
    offline = false;
  });

  const serverTitle = async (unit: string) => {
    const row = await w.app.ctx.db.selectFrom("entries").select(["draftJson", "version"]).where("unitCode", "=", unit).executeTakeFirst();
    return row ? { version: row.version, title: (JSON.parse(row.draftJson) as { fields: { title?: string } }).fields.title } : null;
  };

  it("keeps typing made while offline, replays it when the network returns, and an acknowledgement never drops newer typing", async () => {
    const me = w.leadA.user.id;
    const A = w.units[0];
    const id = draftKey(me, ROUND, A);
    entryDrafts.put(me, ROUND, A, 0, draft("Bản gõ khi mất mạng"), 1);
    offline = true;
    const seen: DraftSendResult["status"][] = [];
    const off = onDraftSent((sentId, r) => sentId === id && seen.push(r.status));
    expect((await entryDraftOutbox.replay(me)).stalled).toBe(true);
    expect(entryDraftOutbox.stalled()).toBe(true);
    expect(entryDraftOutbox.get(id)?.draft.fields.title).toBe("Bản gõ khi mất mạng");
    expect(await serverTitle(A)).toBeNull();

    offline = false;
    expect((await entryDraftOutbox.replay(me)).sent).toBe(1);
    expect(await serverTitle(A)).toEqual({ version: 1, title: "Bản gõ khi mất mạng" });
    expect(entryDraftOutbox.get(id)).toBeNull();
    expect(seen).toEqual(["offline", "saved"]);

    // Typing lands while a save is on the wire: the save's acknowledgement keeps it, rebased on the new version.
    entryDrafts.put(me, ROUND, A, 1, draft("gửi đi"), 10);
    const sending = sendEntryDraft(id);
    entryDrafts.put(me, ROUND, A, 1, draft("gõ thêm trong lúc lưu"), 11);
    const first = await sending;
    expect(first.status).toBe("saved");
    expect(entryDraftOutbox.get(id)).toMatchObject({ baseVersion: 2, draft: { fields: { title: "gõ thêm trong lúc lưu" } } });
    expect((await sendEntryDraft(id)).status).toBe("saved");
    expect(await serverTitle(A)).toEqual({ version: 3, title: "gõ thêm trong lúc lưu" });
    expect(entryDraftOutbox.size()).toBe(0);
    off();
  });

  it("a stale draft gets the colleague's text and stays on the phone, not re-sent, until the person resolves it", async () => {
    const me = w.leadA.user.id;
    const A = w.units[0];
    const id = draftKey(me, ROUND, A);
    const now = await serverTitle(A);
    entryDrafts.put(me, ROUND, A, (now?.version ?? 1) - 1, draft("bản cũ của tôi"));
    const r = await sendEntryDraft(id);
    expect(r.status).toBe("conflict");
    if (r.status === "conflict") expect(r.current.draft.fields.title).toBe(now?.title);
    expect(entryDraftOutbox.get(id)).toMatchObject({ conflicted: true, draft: { fields: { title: "bản cũ của tôi" } } });
    expect((await entryDraftOutbox.replay(me)).sent).toBe(0);
    expect(await serverTitle(A)).toEqual(now);
  });

  it("replays only the signed-in person's drafts", async () => {
    const A = w.units[0];
    entryDrafts.put("someone-else", ROUND, A, 0, draft("không phải của tôi"));
    expect((await entryDraftOutbox.replay(w.leadA.user.id)).sent).toBe(0);
    expect(entryDrafts.get("someone-else", ROUND, A)?.draft.fields.title).toBe("không phải của tôi");
  });
});
