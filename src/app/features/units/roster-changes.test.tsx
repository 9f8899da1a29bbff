import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RosterChange } from "../../../domain/units/roster-changes.schema";
import { fakeFetch, json, makeUser, renderApp } from "../../test/render-app";
import { PendingRosterChanges, RosterChangeStatus } from "./roster-changes";

const CHANGE: RosterChange = {
  id: "c1",
  unitCode: "10507",
  unitName: "Phường Thành Đông",
  requestedByName: "Lê Văn Trưởng",
  requestedAt: "2026-06-02T03:00:00.000Z",
  fileName: "ds-moi.xlsx",
  replace: true,
  rosterSizeBefore: 40,
  preview: { rows: 12, created: 0, updated: 0, unchanged: 12, skipped: 0, errors: 0, removed: 28, matched: 12, rosterSize: 12 },
  status: "pending",
  decidedAt: null,
  decidedByName: null,
  reason: null,
};

describe("held roster changes", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("tells the lead the new list waits for the organisers and what it would do", () => {
    renderApp(<RosterChangeStatus change={CHANGE} canDecide={false} onDecided={vi.fn()} />, { user: makeUser({ role: "unit_lead" }) });
    expect(screen.getByText("Danh sách mới đang chờ ban tổ chức duyệt")).toBeTruthy();
    expect(screen.getByText(/Danh sách 40 → 12 người \(thêm 0, cập nhật 0, xoá 28\)/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Duyệt" })).toBeNull();
  });

  it("shows a rejection with its reason", () => {
    renderApp(<RosterChangeStatus change={{ ...CHANGE, status: "rejected", decidedAt: "2026-06-02T05:00:00.000Z", reason: "Thiếu người chưa thi" }} canDecide={false} onDecided={vi.fn()} />, { user: makeUser({ role: "unit_lead" }) });
    expect(screen.getByText(/Ban tổ chức không duyệt danh sách mới/)).toBeTruthy();
    expect(screen.getByText("Lý do: Thiếu người chưa thi")).toBeTruthy();
  });

  it("lets an organiser approve only with a reason", async () => {
    const calls = fakeFetch((url) => (url.endsWith("/decision") ? json({ change: { ...CHANGE, status: "approved" }, applied: CHANGE.preview }) : json({ changes: [CHANGE] })));
    renderApp(<PendingRosterChanges />, { user: makeUser({ role: "organizer" }) });
    const approve = await screen.findByRole("button", { name: "Duyệt" });
    expect(screen.getByText("Phường Thành Đông")).toBeTruthy();
    expect((approve as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText("Lý do duyệt hoặc từ chối (ghi vào nhật ký)"), "Hai người đã nghỉ hưu");
    await userEvent.click(approve);
    await vi.waitFor(() => expect(calls.some((c) => c.url === "/api/roster-changes/c1/decision")).toBe(true));
    expect(calls.find((c) => c.url === "/api/roster-changes/c1/decision")?.body).toEqual({ approve: true, reason: "Hai người đã nghỉ hưu" });
  });
});
