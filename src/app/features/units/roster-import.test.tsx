import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RosterImportResponse } from "../../../domain/units/roster.schema";
import { renderApp } from "../../test/render-app";
import { RosterImport } from "./roster-import";

/** Stands in for the browser's XMLHttpRequest so the test drives upload progress and the answer. */
class FakeXhr {
  static last: FakeXhr | null = null;
  upload = { onprogress: null as ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null, onload: null as (() => void) | null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = "";
  timeout = 0;
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  async respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    await act(async () => {
      this.upload.onload?.();
      this.onload?.();
    });
  }
  async failNetwork() {
    await act(async () => this.onerror?.());
  }
}

const REPORT: RosterImportResponse = {
  unitCode: "10507",
  fileName: "ds.csv",
  format: "csv",
  sheet: null,
  headerLine: 4,
  columns: { fullName: "Họ và tên" },
  ignoredFromLine: 13,
  replace: false,
  heldForApproval: null,
  totals: { rows: 3, created: 1, updated: 0, unchanged: 0, skipped: 1, errors: 1, removed: 0, matched: 0, rosterSize: 1 },
  rows: [
    { line: 5, status: "created", fullName: "Nguyễn Thị Lan", phone: null, subUnit: null, position: null, problems: [{ code: "bad_phone", params: { raw: "0225 3841 234" } }] },
    { line: 6, status: "skipped", fullName: "Nguyễn Thị Lan", phone: null, subUnit: null, position: null, problems: [{ code: "duplicate_in_file", params: { line: "5" } }] },
    { line: 7, status: "error", fullName: null, phone: "0912345678", subUnit: null, position: null, problems: [{ code: "missing_name", params: {} }] },
  ],
};

describe("importing a staff list", () => {
  beforeEach(() => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    // The component also looks up unit names for its messages.
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ units: [] }), { status: 200 })));
  });
  afterEach(() => vi.unstubAllGlobals());

  async function chooseAndUpload(onImported = vi.fn()) {
    renderApp(<RosterImport unitCode="10507" canGrantLead={false} onImported={onImported} />, { user: null });
    const file = new File(["Họ và tên\nNguyễn Thị Lan\n"], "ds.csv", { type: "text/csv" });
    await userEvent.upload(screen.getByLabelText("Chọn tệp danh sách cán bộ"), file);
    await userEvent.click(screen.getByLabelText(/Thay thế toàn bộ danh sách cũ/));
    await userEvent.click(screen.getByRole("button", { name: "Tải lên và đối chiếu" }));
    return onImported;
  }

  it("shows upload progress, then processing, then the row-by-row report in Vietnamese", async () => {
    const onImported = await chooseAndUpload();
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe("/api/units/10507/roster?replace=1");
    expect((xhr.body?.get("file") as File).name).toBe("ds.csv");
    xhr.progress(45, 100);
    expect(screen.getByText("Đang tải tệp lên… 45%")).toBeTruthy();
    xhr.progress(100, 100);
    expect(screen.getByText(/Đang đọc tệp và đối chiếu/)).toBeTruthy();
    await xhr.respond(200, REPORT);
    expect(onImported).toHaveBeenCalledWith(REPORT);
    expect(screen.getByText("Thêm mới: 1")).toBeTruthy();
    expect(screen.getByText(/Số điện thoại “0225 3841 234” không phải số di động hợp lệ/)).toBeTruthy();
    expect(screen.getByText("Trùng với dòng 5 — bỏ qua.")).toBeTruthy();
    expect(screen.getByText("Thiếu họ và tên — dòng này không được nhập.")).toBeTruthy();
    expect(screen.getByText(/từ dòng 13 \(tổng cộng, chữ ký\) không được đọc/)).toBeTruthy();
  });

  it("after the roster freeze, says the list waits for the organisers and words the totals as what approval would do", async () => {
    renderApp(<RosterImport unitCode="10507" canGrantLead={false} freeze={{ at: "2026-06-01T16:59:59.000Z", passed: true }} onImported={vi.fn()} />, { user: null });
    expect(screen.getByText(/Đã qua ngày khoá danh sách \(23:59 01\/06\/2026\): danh sách mới chỉ được áp dụng khi Ban tổ chức duyệt\./)).toBeTruthy();
    await userEvent.upload(screen.getByLabelText("Chọn tệp danh sách cán bộ"), new File(["Họ và tên\nA\n"], "ds.csv", { type: "text/csv" }));
    await userEvent.click(screen.getByLabelText(/Thay thế toàn bộ danh sách cũ/));
    await userEvent.click(screen.getByRole("button", { name: "Tải lên và đối chiếu" }));
    const held: RosterImportResponse = { ...REPORT, replace: true, heldForApproval: { changeId: "c1" }, totals: { ...REPORT.totals, removed: 7 } };
    await FakeXhr.last!.respond(200, held);
    expect(screen.getByText(/Danh sách mới đang chờ ban tổ chức duyệt/)).toBeTruthy();
    expect(screen.getByText("Sẽ xoá: 7")).toBeTruthy();
    expect(screen.getByText(/Danh sách sau khi duyệt: 1 người/)).toBeTruthy();
  });

  it("says why a file was refused, and keeps it for a retry when the network drops", async () => {
    await chooseAndUpload();
    await FakeXhr.last!.respond(400, { error: { code: "ROSTER_INVALID", message: "x", fields: { file: "Không tìm thấy dòng tiêu đề có cột “Họ và tên”." } } });
    expect(screen.getByRole("alert").textContent).toContain("Không tìm thấy dòng tiêu đề");

    await userEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    await FakeXhr.last!.failNetwork();
    expect(screen.getByRole("alert").textContent).toContain("Mất kết nối mạng");
    expect(screen.getByText(/ds\.csv/)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Thử lại" }));
    await FakeXhr.last!.respond(200, REPORT);
    expect(screen.getByText("Thêm mới: 1")).toBeTruthy();
  });
});
