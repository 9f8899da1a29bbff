import type { AddressInfo } from "node:net";
import type { ComponentType } from "react";
import { vi } from "vitest";
import { FakeZalo } from "../../server/test/fake-zalo";
import { buildTestApp, type TestApp } from "../../server/test/test-app";
import type { User } from "../../domain/auth/auth.schema";
import { STORAGE_KEYS } from "../shared/storage/storage-keys";
import { fakeFence } from "./fake-fence";

export type RealApi = TestApp & { zalo: FakeZalo; url: string; stop(): Promise<void> };

/**
 * Component tests talk to the real API over real HTTP (SQLite, fake Zalo on loopback):
 * the app's relative "/api/…" requests are sent to that server.
 */
export async function startRealApi(opts: { env?: Record<string, string> } = {}): Promise<RealApi> {
  const zalo = new FakeZalo();
  await zalo.start();
  const t = await buildTestApp("sqlite", { env: { ZALO_GRAPH_URL: zalo.url, ...opts.env } });
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const realFetch = globalThis.fetch;
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) =>
    realFetch(typeof input === "string" && input.startsWith("/") ? `${url}${input}` : input, init),
  );
  return {
    ...t,
    zalo,
    url,
    async stop() {
      vi.unstubAllGlobals();
      await t.close();
      await zalo.stop();
    },
  };
}

/**
 * The whole app (router and pages), signed in as `session`. The stored session is read when the
 * app's modules load, so it is written to the fake phone's storage first.
 */
export async function openAppAs(session: { token: string; user: User }): Promise<ComponentType> {
  fakeFence.storage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: session.token, user: session.user }));
  return (await import("../app")).Root;
}
