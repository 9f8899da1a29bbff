import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupRound1 } from "../../../server/features/jury/jury.test-helpers";
import { setApiToken } from "../../shared/api/api-client";
import { fakeFence } from "../../test/fake-fence";
import { type RealApi, startRealApi } from "../../test/real-api";
import { ConflictsPanel } from "./conflicts-panel";
import { renderWithProviders } from "../../test/render-app";

describe("the organiser's conflicts panel against the real API", () => {
  let server: RealApi;
  let s: Awaited<ReturnType<typeof setupRound1>>;
  beforeAll(async () => {
    server = await startRealApi();
    s = await setupRound1(server);
    setApiToken(s.org.auth.authorization.slice(7));
  });
  afterAll(async () => {
    setApiToken(null);
    await server?.stop();
  });

  it("adds a conflict with a reason for a judge and a qualified unit, and lists it", async () => {
    renderWithProviders(<ConflictsPanel roundId="stage2" judges={[{ userId: s.j2.id, name: "Giám Khảo Hai" }]} />);
    // Generous: the machine running the suites may be busy; the list comes from the real API.
    await waitFor(() => expect(screen.getByRole("option", { name: "Hải Dương" })).toBeTruthy(), { timeout: 10_000 });
    const add = screen.getByRole("button", { name: "Thêm xung đột" });
    expect((add as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Giám khảo"), { target: { value: s.j2.id } });
    fireEvent.change(screen.getByLabelText("Đơn vị"), { target: { value: "10525" } });
    fireEvent.change(screen.getByLabelText("Loại xung đột"), { target: { value: "family" } });
    fireEvent.change(screen.getByLabelText("Lý do xung đột"), { target: { value: "Em ruột là phó chủ tịch phường" } });
    fireEvent.click(add);
    await waitFor(() => expect(screen.getByText(/Giám Khảo Hai — Hải Dương: Có người thân tại đơn vị \(Em ruột là phó chủ tịch phường\)/)).toBeTruthy(), { timeout: 10_000 });
    const rows = await server.app.ctx.db.selectFrom("juryConflicts").selectAll().where("judgeId", "=", s.j2.id).execute();
    expect(rows.map((r) => [r.unitCode, r.kind, r.source])).toEqual([["10525", "family", "organizer"]]);
  });

  it("exports the list inside Zalo through a signed link that opens without the bearer", async () => {
    fakeFence.isInsideZalo.mockReturnValue(true);
    fakeFence.downloadToDevice.mockClear();
    try {
      renderWithProviders(<ConflictsPanel roundId="stage2" judges={[{ userId: s.j2.id, name: "Giám Khảo Hai" }]} />);
      fireEvent.click(screen.getByRole("button", { name: "Tải Excel" }));
      await waitFor(() => expect(fakeFence.downloadToDevice).toHaveBeenCalledTimes(1), { timeout: 10_000 });
      const url = new URL((fakeFence.downloadToDevice.mock.calls as unknown as [string][])[0]![0]);
      expect(url.pathname).toBe("/api/jury/rounds/stage2/conflicts.xlsx");
      const res = await server.app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
      expect([res.statusCode, res.rawPayload.subarray(0, 2).toString()]).toEqual([200, "PK"]);
    } finally {
      fakeFence.isInsideZalo.mockReturnValue(false);
    }
  });
});
