import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import { docx, unzip } from "../../../server/features/entries/entries.test-helpers";
import { attachFiles, setupRound1 } from "../../../server/features/jury/jury.test-helpers";
import { setApiToken } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { fakeFence } from "../../test/fake-fence";
import { type RealApi, startRealApi } from "../../test/real-api";
import { ScoreSheet } from "./score-sheet";
import { renderWithProviders } from "../../test/render-app";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("the blind score sheet against the real API", () => {
  let server: RealApi;
  let judgeId: string;
  let fileEntryId: string;
  const filesDir = mkdtempSync(path.join(tmpdir(), "hvai-sheet-files-"));
  beforeAll(async () => {
    server = await startRealApi({ env: { FILES_DIR: filesDir } });
    const s = await setupRound1(server);
    // The second entry carries a DOCX whose name and core properties name its author and unit.
    fileEntryId = s.entries[1]!.entryId;
    await attachFiles(server, fileEntryId, [{ id: "f-sheet-docx-1", name: "Thuyết minh của UBND phường.docx", mime: DOCX, body: await docx("Trần Văn Tác Giả") }]);
    await server.app.inject({ method: "POST", url: "/api/jury/rounds/stage2/declaration", headers: s.j3.auth, payload: { conflicts: [] } });
    setApiToken(s.j3.auth.authorization.slice(7));
    judgeId = s.j3.id;
  });
  afterAll(async () => {
    setApiToken(null);
    await server?.stop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it("asks for a comment at the extremes, shows the weighted total, then submits and locks", async () => {
    const data = await call(juryEndpoints.sheets, { params: { roundId: "stage2" } });
    const entry = data.entries[0]!;
    const onSaved = vi.fn();
    renderWithProviders(<ScoreSheet roundId="stage2" entry={entry} rubric={data.rubric} step={data.step} extremes={data.extremes} onSaved={onSaved} />);
    expect(screen.getByText(data.rubric[0]!.description)).toBeTruthy();
    expect(screen.getByText("Tổng điểm có trọng số: chưa đủ tiêu chí")).toBeTruthy();
    for (const c of data.rubric) fireEvent.change(screen.getByLabelText(new RegExp(`^${c.name}`)), { target: { value: c.key === "impact" ? "9.5" : "6" } });
    // 9.5 ≥ 9: the comment box appears with its prompt; the total is weighted (impact weighs 0.25).
    expect(screen.getByPlaceholderText("Bắt buộc nhận xét khi cho điểm rất thấp hoặc rất cao")).toBeTruthy();
    expect(screen.getByText("Tổng điểm có trọng số: 6,88")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Nộp phiếu" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("cần có nhận xét"));
    expect(onSaved).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Nhận xét cho Hiệu quả đo được"), { target: { value: "Giảm 60% thời gian, có số liệu" } });
    fireEvent.click(screen.getByRole("button", { name: "Nộp phiếu" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const row = await server.app.ctx.db.selectFrom("jurySheets").selectAll().where("judgeId", "=", judgeId).where("entryId", "=", entry.entryId).executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
    expect(row.total).toBeCloseTo(0.75 * 6 + 0.25 * 9.5, 10);
  });

  it("lists the entry's files under blind names and downloads one through a signed link in Zalo", async () => {
    fakeFence.isInsideZalo.mockReturnValue(true);
    fakeFence.downloadToDevice.mockClear();
    try {
      const data = await call(juryEndpoints.sheets, { params: { roundId: "stage2" } });
      const entry = data.entries.find((e) => e.entryId === fileEntryId)!;
      renderWithProviders(<ScoreSheet roundId="stage2" entry={entry} rubric={data.rubric} step={data.step} extremes={data.extremes} onSaved={() => undefined} />);
      const name = `${entry.entryCode}-tep-01.docx`;
      expect(screen.queryByText(/UBND phường/)).toBeNull();
      fireEvent.click(screen.getByRole("button", { name: `Tải ${name}` }));
      await waitFor(() => expect(fakeFence.downloadToDevice).toHaveBeenCalledTimes(1), { timeout: 10_000 });
      // Zalo's downloader gets an absolute link that carries a short-lived token instead of the bearer.
      const url = new URL((fakeFence.downloadToDevice.mock.calls as unknown as [string][])[0]![0]);
      expect(url.pathname).toBe(`/api/jury/rounds/stage2/entries/${fileEntryId}/files/f-sheet-docx-1`);
      expect(url.searchParams.get("token")).toMatch(/^l1\./);
      const res = await server.app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toContain(name);
      const parts = await unzip(res.rawPayload);
      expect(parts.get("docProps/core.xml")?.toString("utf8")).not.toContain("Trần Văn Tác Giả");
      expect(res.rawPayload.includes(Buffer.from("Trần Văn Tác Giả"))).toBe(false);
    } finally {
      fakeFence.isInsideZalo.mockReturnValue(false);
    }
  });
});
