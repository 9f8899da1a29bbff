import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// Component tests never touch zmp-sdk: the fence is replaced by a fake (see fake-fence.ts).
vi.mock("../fence/zalo", async () => (await import("./fake-fence")).fakeFence);

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
