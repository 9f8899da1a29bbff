import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
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
