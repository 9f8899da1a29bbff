import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { InboxItem } from "../../../domain/reminders/reminders.schema";
import { NotificationConsentToggle } from "../../shared/components/notification-consent";
import { fakeFence, resetFakeFence } from "../../test/fake-fence";
import { fakeFetch, json, makeUser, renderApp } from "../../test/render-app";
import { InboxPage } from "./inbox-page";
import { flushPendingReads, pendingReads } from "./pending-reads";

const user = makeUser();

const item = (id: string, title: string, readAt: string | null = null): InboxItem => ({
  id,
  kind: "reminder",
  title,
  body: "Giai đoạn 1 kết thúc lúc 23:59 10/06/2026. Nguyễn Thị Lan còn 3 bài học và bài kiểm tra.",
  path: "/learn",
  createdAt: "2026-06-07T01:00:00.000Z",
  readAt,
});

const mockApi = fakeFetch;
const renderWithApp = (ui: ReactNode) => renderApp(ui, { user });

describe("inbox page", () => {
  beforeEach(() => resetFakeFence());
  afterEach(() => vi.unstubAllGlobals());

  it("lists messages with what is unread, and keeps a read made offline on the phone until it can be sent", async () => {
    let online = false;
    const calls = mockApi((url) => {
      if (url.endsWith("/api/inbox")) return json({ items: [item("m2", "Còn 1 ngày"), item("m1", "Còn 3 ngày", "2026-06-07T02:00:00.000Z")], unread: 1, nextCursor: null });
      if (url.endsWith("/api/inbox/m2/read")) {
        if (!online) throw new TypeError("Failed to fetch");
        return json({ item: item("m2", "Còn 1 ngày", "2026-06-08T00:00:00.000Z"), unread: 0 });
      }
      return json({ error: { code: "NOT_FOUND", message: "x" } }, 404);
    });
    renderWithApp(<InboxPage />);
    const list = await screen.findByRole("list", { name: "Danh sách thông báo" });
    const [unread, read] = within(list).getAllByRole("listitem");
    expect(unread?.textContent).toContain("Còn 1 ngày");
    expect(unread?.textContent).toContain("Chưa đọc");
    expect(read?.textContent).toContain("Đã đọc");

    await userEvent.click(within(unread!).getByRole("button", { name: "Đánh dấu đã đọc: Còn 1 ngày" }));
    await waitFor(() => expect(unread?.textContent).toContain("Đã đọc"));
    expect((await screen.findByText("Đang mất kết nối: đã ghi nhận trên máy, sẽ đồng bộ khi có mạng.")).textContent).toBeTruthy();
    expect(pendingReads()).toEqual(["m2"]);

    online = true;
    await flushPendingReads();
    expect(pendingReads()).toEqual([]);
    expect(calls.filter((c) => c.url.endsWith("/api/inbox/m2/read"))).toHaveLength(2);
  });

  it("says in Vietnamese when the inbox cannot be loaded, and retries", async () => {
    let fail = true;
    mockApi((url) => {
      if (url.endsWith("/api/inbox") && fail) return json({ error: { code: "INTERNAL", message: "Internal Server Error" } }, 500);
      return json({ items: [], unread: 0, nextCursor: null });
    });
    renderWithApp(<InboxPage />);
    expect((await screen.findByText("Hệ thống đang gặp sự cố. Vui lòng thử lại sau.")).textContent).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    expect((await screen.findByText(/Chưa có thông báo nào/)).textContent).toBeTruthy();
  });
});

describe("notification consent switch", () => {
  beforeEach(() => resetFakeFence());
  afterEach(() => vi.unstubAllGlobals());

  it("asks Zalo for permission through the fence, then records the answer", async () => {
    const calls = mockApi((_url, init) => json({ user: { ...user, notificationsConsent: JSON.parse(String(init?.body)).notificationsConsent } }));
    fakeFence.askNotificationPermission.mockResolvedValueOnce(false);
    renderWithApp(<NotificationConsentToggle />);
    const toggle = screen.getByRole("checkbox", { name: "Nhắc hạn qua Zalo" });

    await userEvent.click(toggle);
    expect((await screen.findByText(/Zalo chưa cho phép gửi thông báo/)).textContent).toBeTruthy();
    expect(calls.at(-1)).toMatchObject({ method: "PATCH", body: { notificationsConsent: false } });
    expect((toggle as HTMLInputElement).checked).toBe(false);

    fakeFence.askNotificationPermission.mockResolvedValueOnce(true);
    await userEvent.click(toggle);
    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
    expect(calls.at(-1)).toMatchObject({ method: "PATCH", body: { notificationsConsent: true } });
    expect(fakeFence.askNotificationPermission).toHaveBeenCalledTimes(2);
  });
});
