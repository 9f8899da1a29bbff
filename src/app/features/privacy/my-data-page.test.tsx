import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MyPrivacyResponse, PrivacyRequest } from "../../../domain/privacy/privacy.schema";
import { resetFakeFence } from "../../test/fake-fence";
import { fakeFetch, json, renderApp } from "../../test/render-app";
import { MyDataPage } from "./my-data-page";

const data: MyPrivacyResponse["data"] = {
  userId: "u1",
  generatedAt: "2026-06-05T02:00:00.000Z",
  sections: [
    { id: "profile", label: "Hồ sơ", purpose: "Xác định bạn trong cuộc thi.", rows: [{ id: "u1", fullName: "Nguyễn Thị Lan", phone: "0912000001" }] },
    { id: "lessons", label: "Tiến độ học", purpose: "Ghi nhận bài học.", rows: [{ lessonId: "bai-01", completedAt: "2026-06-02T01:00:00.000Z" }, { lessonId: "bai-02", completedAt: null }] },
    { id: "claims", label: "Yêu cầu gia nhập đơn vị", purpose: "Yêu cầu bạn gửi.", rows: [] },
  ],
};

const request = (over: Partial<PrivacyRequest> = {}): PrivacyRequest => ({
  id: "r1",
  userId: "u1",
  userName: "Nguyễn Thị Lan",
  unitCode: "10507",
  kind: "correct",
  note: "Sai chức vụ",
  status: "pending",
  createdAt: "2026-06-05T02:00:00.000Z",
  dueAt: "2026-06-20T02:00:00.000Z",
  overdue: false,
  decidedAt: null,
  decidedByName: null,
  response: null,
  ...over,
});

describe("“Dữ liệu của tôi”", () => {
  beforeEach(() => resetFakeFence());
  afterEach(() => vi.unstubAllGlobals());

  it("shows every kind of data held about me, with its rows", async () => {
    fakeFetch((url) => (url.endsWith("/api/privacy/me") ? json({ data, requests: [], responseDays: 15 }) : json({ error: { code: "NOT_FOUND", message: "x" } }, 404)));
    renderApp(<MyDataPage />);
    const list = await screen.findByRole("list", { name: "Các loại dữ liệu" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((i) => i.querySelector("summary")?.textContent)).toEqual(["Hồ sơ — 1 mục", "Tiến độ học — 2 mục", "Yêu cầu gia nhập đơn vị — 0 mục"]);
    expect(within(items[0]!).getByText("0912000001")).toBeTruthy();
    expect(within(items[1]!).getAllByText("—")).toHaveLength(1);
    expect(within(items[2]!).getByText("Không có dữ liệu.")).toBeTruthy();
    expect(screen.getByText("Ban tổ chức trả lời mỗi yêu cầu trong 15 ngày.")).toBeTruthy();
  });

  it("sends a correction request with its note and then lists it with its deadline", async () => {
    let sent: PrivacyRequest[] = [];
    const calls = fakeFetch((url, init) => {
      if (url.endsWith("/api/privacy/me/requests") && init?.method === "POST") {
        sent = [request({ note: JSON.parse(String(init.body)).note })];
        return json({ request: sent[0] });
      }
      if (url.endsWith("/api/privacy/me")) return json({ data, requests: sent, responseDays: 15 });
      return json({ error: { code: "NOT_FOUND", message: "x" } }, 404);
    });
    renderApp(<MyDataPage />);
    await screen.findByRole("list", { name: "Các loại dữ liệu" });
    const submit = screen.getByRole("button", { name: "Gửi yêu cầu sửa dữ liệu" });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText("Thông tin cần sửa (bắt buộc)"), "Chức vụ đúng là Phó trưởng phòng");
    await userEvent.click(submit);
    await screen.findByText("Yêu cầu đã gửi");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ kind: "correct", note: "Chức vụ đúng là Phó trưởng phòng" });
    expect(screen.getByText("Sửa dữ liệu — Đang chờ xử lý")).toBeTruthy();
    expect(screen.getByText(/hạn trả lời 20\/06\/2026/)).toBeTruthy();
  });

  it("warns what deletion means before sending it, and explains a refusal in Vietnamese", async () => {
    fakeFetch((url, init) => {
      if (url.endsWith("/api/privacy/me/requests") && init?.method === "POST") return json({ error: { code: "PRIVACY_REQUEST_PENDING", message: "pending" } }, 409);
      if (url.endsWith("/api/privacy/me")) return json({ data, requests: [request({ kind: "delete", note: null })], responseDays: 15 });
      return json({ error: { code: "NOT_FOUND", message: "x" } }, 404);
    });
    renderApp(<MyDataPage />);
    await screen.findByText("Xoá dữ liệu — Đang chờ xử lý");
    await userEvent.click(screen.getByRole("radio", { name: "Xoá dữ liệu" }));
    expect(screen.getByRole("note").textContent).toContain("không đăng nhập lại được tài khoản cũ");
    await userEvent.click(screen.getByRole("button", { name: "Gửi yêu cầu xoá dữ liệu" }));
    expect(await screen.findByText("Bạn đã có một yêu cầu cùng loại đang chờ xử lý.")).toBeTruthy();
  });

  it("downloads the export with my session", async () => {
    const created: string[] = [];
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => (created.push("blob"), "blob:x"), revokeObjectURL: () => undefined }));
    const calls = fakeFetch((url) => {
      if (url.endsWith("/api/privacy/me")) return json({ data, requests: [], responseDays: 15 });
      if (url.endsWith("/api/privacy/me/export.xlsx")) return new Response(new Uint8Array([80, 75, 3, 4]), { status: 200 });
      return json({ error: { code: "NOT_FOUND", message: "x" } }, 404);
    });
    renderApp(<MyDataPage />);
    await screen.findByRole("list", { name: "Các loại dữ liệu" });
    await userEvent.click(screen.getByRole("button", { name: "Tải về (Excel)" }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(calls.map((c) => c.url)).toContain("/api/privacy/me/export.xlsx");
  });
});
