import type { AddressInfo } from "node:net";
import { vi } from "vitest";
import { FakeZalo } from "../../server/test/fake-zalo";
import { buildTestApp, type TestApp } from "../../server/test/test-app";

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
