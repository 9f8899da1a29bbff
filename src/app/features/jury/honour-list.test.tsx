import { render, screen, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finalEndpoints } from "../../../domain/jury/final.endpoints";
import { insertSubmittedEntries } from "../../../server/test/entries-fixture";
import { call } from "../../shared/api/call";
import { type RealApi, startRealApi } from "../../test/real-api";
import { HonourList } from "./honour-list";

describe("the honour page's winners and \"AI at work\" gallery against the real API", () => {
  let server: RealApi;
  const [CONSENTS, DECLINES] = ["10507", "10525"] as const;

  /** What a submission freezes: the form's fields and, in the representative JSON, the publish consent. */
  async function submitted(unitCode: string, publishConsent: boolean) {
    const db = server.app.ctx.db;
    const e = await db.selectFrom("entries").select("submittedVersionId").where("roundId", "=", "stage2").where("unitCode", "=", unitCode).executeTakeFirstOrThrow();
    const v = await db.selectFrom("entryVersions").select("fieldsJson").where("id", "=", e.submittedVersionId!).executeTakeFirstOrThrow();
    const fields = { ...JSON.parse(v.fieldsJson), aiTools: `Công cụ của ${unitCode}`, results: `Giảm 35% thời gian (${unitCode})\nKhông còn hồ sơ trễ hạn` };
    await db.updateTable("entryVersions").set({ fieldsJson: JSON.stringify(fields), representativeJson: JSON.stringify({ fullName: "Phạm Đại Diện", consent: true, publishConsent }) }).where("id", "=", e.submittedVersionId!).execute();
  }

  beforeAll(async () => {
    server = await startRealApi();
    const org = await server.signIn("Ban Tổ Chức", "organizer");
    const entries = await insertSubmittedEntries(server.app.ctx.db, "stage2", [CONSENTS, DECLINES]);
    // The official result as confirming the prizes freezes it (the whole final is covered by the API suite).
    const awards = entries.map((e, i) => ({ prizeName: i === 0 ? "Giải Nhất" : "Giải Nhì", amountVnd: 10_000_000, entryId: e.entryId, unitCode: e.unitCode, unitName: server.pack.units.find((u) => u.code === e.unitCode)!.name, title: e.title, summary: "Tóm tắt", certificateId: null }));
    const payload = { awards, decisionNumber: "125/QĐ", decisionDate: "2026-06-25", reason: null };
    await server.app.ctx.db.insertInto("jurySnapshots").values({ kind: "official", createdAt: new Date().toISOString(), createdBy: org.user.id, reason: null, payload: JSON.stringify(payload), csv: "x", sha256: "0".repeat(64) }).execute();
  });
  afterAll(async () => server?.stop());

  it("without consent shows only the winners' titles and summaries; with it, the whole entry as a case", async () => {
    await submitted(CONSENTS, false);
    await submitted(DECLINES, false);
    const { unmount } = render(<HonourList honour={await call(finalEndpoints.honour)} />);
    expect(screen.getByText(/Giải Nhất —/)).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "AI vào việc" })).toBeNull();
    expect(screen.queryByText(/Công cụ của/)).toBeNull();
    unmount();

    await submitted(CONSENTS, true);
    render(<HonourList honour={await call(finalEndpoints.honour)} />);
    expect(screen.getByText("AI vào việc")).toBeTruthy();
    const cases = screen.getAllByRole("article");
    expect(cases).toHaveLength(1);
    const c = within(cases[0]!);
    expect(c.getByText("Công cụ AI đã dùng")).toBeTruthy();
    expect(c.getByText(`Công cụ của ${CONSENTS}`)).toBeTruthy();
    expect(c.getByText("Kết quả đo được")).toBeTruthy();
    expect(c.getByText(/Giảm 35% thời gian \(10507\)/)).toBeTruthy();
    expect(screen.queryByText(`Công cụ của ${DECLINES}`)).toBeNull();
    expect(screen.queryByText(/Phạm Đại Diện/)).toBeNull();
  });
});
