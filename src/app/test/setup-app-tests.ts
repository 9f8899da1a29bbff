import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { reloadOutboxesFromStorage } from "../shared/offline/outbox";

// Component tests never touch zmp-sdk: the fence is replaced by a fake (see fake-fence.ts).
vi.mock("../fence/zalo", async () => (await import("./fake-fence")).fakeFence);

// jsdom lacks layout APIs that zmp-ui's Page calls; they are no-ops here.
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => undefined;
if (!window.scrollTo || String(window.scrollTo).includes("notImplemented")) window.scrollTo = () => undefined;

// Each test starts like a fresh app: outboxes read their storage again (tests reset it).
beforeEach(() => reloadOutboxesFromStorage());

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

// zmp-ui's SnackbarProvider never clears its timers (re-open after 250 ms, auto-close after 2 s). One
// still pending when a file's last test ends fires after jsdom is gone and throws "window is not
// defined", an unhandled error that fails the whole run. Once a file is done nothing of it should
// run again, so what it left pending is cleared then (not after each test: a module's own timers
// may serve the file's next test).
const pendingTimers = new Set<ReturnType<typeof setTimeout>>();
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
globalThis.setTimeout = Object.assign((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const id = realSetTimeout((...a: unknown[]) => {
    pendingTimers.delete(id);
    handler(...a);
  }, ms, ...args);
  pendingTimers.add(id);
  return id;
}, realSetTimeout) as typeof setTimeout;
globalThis.clearTimeout = ((id?: ReturnType<typeof setTimeout>) => {
  if (id !== undefined) pendingTimers.delete(id);
  realClearTimeout(id);
}) as typeof clearTimeout;
afterAll(() => {
  for (const id of pendingTimers) realClearTimeout(id);
  pendingTimers.clear();
});
