import type { FastifyInstance } from "fastify";
import { LISTEN_BACKLOG } from "./app";
import { ACCEPT_COPIES, acceptOnCopies } from "./shared/accept-copies";

/**
 * From the build (code-cache.mjs, ADR 0012): save the code V8 compiled for the boot now, before the
 * phones arrive, not in the middle of their first burst (it holds the thread for ~50 ms).
 */
function saveCodeCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[Symbol.for("hvai.code-cache.save")];
  if (typeof save === "function") save();
}

/**
 * Listen the way production does (server.ts, and the benches' API): the kernel's queue at
 * LISTEN_BACKLOG, and ACCEPT_COPIES more descriptors of the socket so a busy loop still accepts a
 * burst of reconnecting phones quickly (ADR 0011). Without the copies the API still serves, slower
 * to take new connections: a failure to make them is logged, not fatal.
 */
export async function listenApp(app: FastifyInstance, host: string, port: number): Promise<void> {
  let closeCopies: (() => Promise<void>) | null = null;
  app.addHook("preClose", async () => {
    await closeCopies?.();
  });
  await app.listen({ host, port, backlog: LISTEN_BACKLOG });
  saveCodeCache();
  try {
    closeCopies = await acceptOnCopies(app.server, ACCEPT_COPIES, LISTEN_BACKLOG);
  } catch (err) {
    app.log.warn({ err }, "extra accept descriptors not made; new connections are accepted one per loop turn");
  }
}
