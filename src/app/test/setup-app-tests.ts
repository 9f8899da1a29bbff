import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// Component tests never touch zmp-sdk: the fence is replaced by a fake (see fake-fence.ts).
vi.mock("../fence/zalo", async () => (await import("./fake-fence")).fakeFence);

// jsdom lacks layout APIs that zmp-ui's Page calls; they are no-ops here.
if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => undefined;
if (!window.scrollTo || String(window.scrollTo).includes("notImplemented")) window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
