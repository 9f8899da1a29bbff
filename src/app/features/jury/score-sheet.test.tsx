import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { RecoilRoot } from "recoil";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SnackbarProvider } from "zmp-ui";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import { setupRound1 } from "../../../server/features/jury/jury.test-helpers";
import { setApiToken } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { type RealApi, startRealApi } from "../../test/real-api";
import { ScoreSheet } from "./score-sheet";

/** Real API over HTTP: on a loaded machine a first answer can take seconds. */
const WAIT = { timeout: 10_000 };

describe("the blind score sheet against the real API", () => {
  let server: RealApi;
  let judgeId: string;
  beforeAll(async () => {
    server = await startRealApi();
    const s = await setupRound1(server);
    await server.app.inject({ method: "POST", url: "/api/jury/rounds/stage2/declaration", headers: s.j3.auth, payload: { conflicts: [] } });
    setApiToken(s.j3.auth.authorization.slice(7));
    judgeId = s.j3.id;
  });
  afterAll(async () => {
    setApiToken(null);
    await server?.stop();
  });

  it("asks for a comment at the extremes, shows the weighted total, then submits and locks", async () => {
    const data = await call(juryEndpoints.sheets, { params: { roundId: "stage2" } });
    const entry = data.entries[0]!;
    const onSaved = vi.fn();
    render(
      <RecoilRoot>
        <SnackbarProvider>
          <ScoreSheet roundId="stage2" entry={entry} rubric={data.rubric} step={data.step} extremes={data.extremes} onSaved={onSaved} />
        </SnackbarProvider>
      </RecoilRoot>,
    );
    expect(screen.getByText(data.rubric[0]!.description)).toBeTruthy();
    expect(screen.getByText("Tổng điểm có trọng số: chưa đủ tiêu chí")).toBeTruthy();
    for (const c of data.rubric) fireEvent.change(screen.getByLabelText(new RegExp(`^${c.name}`)), { target: { value: c.key === "impact" ? "9.5" : "6" } });
    // 9.5 ≥ 9: the comment box appears with its prompt; the total is weighted (impact weighs 0.25).
    expect(screen.getByPlaceholderText("Bắt buộc nhận xét khi cho điểm rất thấp hoặc rất cao")).toBeTruthy();
    expect(screen.getByText("Tổng điểm có trọng số: 6,88")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Nộp phiếu" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("cần có nhận xét"), WAIT);
    expect(onSaved).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Nhận xét cho Hiệu quả đo được"), { target: { value: "Giảm 60% thời gian, có số liệu" } });
    fireEvent.click(screen.getByRole("button", { name: "Nộp phiếu" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled(), WAIT);
    const row = await server.app.ctx.db.selectFrom("jurySheets").selectAll().where("judgeId", "=", judgeId).where("entryId", "=", entry.entryId).executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
    expect(row.total).toBeCloseTo(0.75 * 6 + 0.25 * 9.5, 10);
  });
});
