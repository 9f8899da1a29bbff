import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ChaseItem } from "../../../domain/units/roster.schema";
import { fakeFence } from "../../test/fake-fence";
import { renderApp } from "../../test/render-app";
import { ChaseList, nudgeMessage } from "./chase-list";

const item = (over: Partial<ChaseItem>): ChaseItem => ({
  entryId: over.fullName ?? "x",
  userId: null,
  fullName: "Ai đó",
  subUnit: null,
  position: null,
  phone: null,
  lessonsDone: 0,
  testDone: false,
  missing: ["sign_in", "lessons", "test"],
  ...over,
});

const ITEMS = [
  item({ fullName: "Phạm Thu Hà", subUnit: "Trạm Y tế", userId: "u-ha", lessonsDone: 5, missing: ["lessons", "test"] }),
  item({ fullName: "Trần Văn Hùng", subUnit: "Văn phòng HĐND và UBND", position: "Phó Chủ tịch" }),
  item({ fullName: "Đỗ Minh", subUnit: null, userId: "u-minh", lessonsDone: 14, missing: ["test"] }),
];

function renderList(items = ITEMS) {
  return renderApp(
    <ChaseList items={items} lessonCount={14} deadline="2026-06-10T16:59:59.000Z" renderAction={(p) => (p.userId ? <button type="button">Nhắc {p.fullName}</button> : null)} />,
    { user: null },
  );
}

describe("the chase list", () => {
  it("names who is missing what, and filters by sub-unit", async () => {
    renderList();
    const list = screen.getByRole("list", { name: "Danh sách chưa hoàn thành" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(list.textContent).toContain("mới học 5/14 bài, chưa làm bài kiểm tra");
    expect(list.textContent).toContain("chưa đăng nhập, chưa học xong, chưa làm bài kiểm tra");
    await userEvent.selectOptions(screen.getByLabelText("Lọc theo bộ phận"), "Trạm Y tế");
    expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringContaining("Phạm Thu Hà")]);
    expect(screen.getByRole("button", { name: /Nhắc qua nhóm Zalo \(1 người\)/ })).toBeTruthy();
  });

  it("lets another feature add a per-person action (people with an account carry their user id)", () => {
    renderList();
    expect(screen.getAllByRole("button", { name: /^Nhắc (Phạm Thu Hà|Đỗ Minh)$/ })).toHaveLength(2);
  });

  it("shares the filtered names with a deep link into the app through the fence", async () => {
    renderList();
    await userEvent.selectOptions(screen.getByLabelText("Lọc theo bộ phận"), "Văn phòng HĐND và UBND");
    await userEvent.click(screen.getByRole("button", { name: /Nhắc qua nhóm Zalo/ }));
    expect(fakeFence.shareToZalo).toHaveBeenCalledWith(expect.objectContaining({ path: "/learn", description: expect.stringContaining("Bộ phận Văn phòng HĐND và UBND còn 1 người") }));
    const description = (fakeFence.shareToZalo.mock.calls.at(-1) as unknown as [{ description: string }])[0].description;
    expect(description).toContain("• Trần Văn Hùng (chưa đăng nhập, chưa học xong, chưa làm bài kiểm tra)");
    expect(description).toContain("trước 23:59 10/06/2026");
    // The share adds the link itself: the text must not carry it too.
    expect(description).not.toContain("https://");
    expect(await screen.findByText("Đã mở chia sẻ vào nhóm Zalo.")).toBeTruthy();
  });

  it("in a browser without a share sheet says the text was copied", async () => {
    fakeFence.shareToZalo.mockResolvedValueOnce("copied");
    renderList();
    await userEvent.click(screen.getByRole("button", { name: /Nhắc qua nhóm Zalo/ }));
    expect(await screen.findByText("Đã sao chép lời nhắc và đường dẫn. Hãy dán vào nhóm Zalo của đơn vị.")).toBeTruthy();
  });

  it("keeps the group message short for a long list", () => {
    const many = Array.from({ length: 40 }, (_, i) => item({ fullName: `Người ${i + 1}` }));
    const text = nudgeMessage(many, 14, null, null);
    expect(text.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(15);
    expect(text).toContain("… và 25 người khác");
  });

  it("congratulates when nobody is left", () => {
    renderList([]);
    expect(screen.getByRole("status").textContent).toContain("Tất cả mọi người trong danh sách đã hoàn thành");
  });
});
