import { vi } from "vitest";

const memory = new Map<string, string>();

/** What component tests get instead of the zmp-sdk fence: in-memory storage and spies. */
export const fakeFence = {
  isInsideZalo: vi.fn(() => false),
  miniAppId: vi.fn(() => "test-app"),
  zaloAccessToken: vi.fn(async () => "fake-access-token-000000"),
  zaloPhoneToken: vi.fn(async () => "fake-phone-token"),
  askNotificationPermission: vi.fn(async () => true),
  storage: {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => void memory.set(k, v),
    removeItem: (k: string) => void memory.delete(k),
  },
  onAppPaused: vi.fn(() => () => undefined),
  onAppResumed: vi.fn(() => () => undefined),
  deepLink: vi.fn((path: string) => `https://zalo.me/s/test-app/${path.replace(/^\//, "")}`),
  shareToZalo: vi.fn(async (): Promise<"shared" | "copied" | "cancelled"> => "shared"),
  callPhone: vi.fn(async () => undefined),
  openExternal: vi.fn(async () => undefined),
  downloadToDevice: vi.fn(async () => undefined),
  pickFileAndUpload: vi.fn(async (): Promise<string | null> => null),
  shareLink: vi.fn(async () => true),
};

export function resetFakeFence(): void {
  memory.clear();
}
