import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RankingConfigSchema } from "./ranking.config";
import { compositeScore, formulaText, participationPct, proposeQualifiers, rankBoard, rankingCsv, type UnitStats } from "./ranking";

const config = RankingConfigSchema.parse({});

function unit(code: string, over: Partial<UnitStats> = {}): UnitStats {
  return {
    unitCode: code,
    name: `Đơn vị ${code}`,
    fullName: `Phường ${code}`,
    board: "commune",
    rosterCount: 10,
    signedIn: 0,
    lessonsDone: 0,
    testDone: 0,
    participants: 0,
    meanScore: null,
    reachedAt: null,
    ...over,
  };
}

describe("the published formula", () => {
  it("weights participation of the roster and the mean score (defaults 0.6 and 0.4)", () => {
    expect(participationPct(7, 10)).toBe(70);
    expect(participationPct(1, 3)).toBe(33.33);
    expect(compositeScore(70, 80, config)).toBe(74); // 0.6×70 + 0.4×80
    expect(compositeScore(50, null, config)).toBe(30); // nobody tested: the score part is 0
    expect(compositeScore(100, 100, { participationWeight: 0.5, scoreWeight: 0.5 })).toBe(100);
  });

  it("says it in Vietnamese with the pack's weights", () => {
    expect(formulaText(config)).toBe("Điểm tổng hợp = 60% × Tỷ lệ tham gia + 40% × Điểm trung bình bài kiểm tra");
    expect(formulaText({ participationWeight: 0.75, scoreWeight: 0.25 })).toContain("75% × Tỷ lệ tham gia + 25%");
  });

  it("measures participation against the official headcount when it is larger than the roster (a trimmed list does not make 100 %)", () => {
    // T trimmed its list to the 5 who took part; H's headcount is below its list, so the list counts.
    const board = rankBoard([unit("T", { rosterCount: 5, participants: 5, headcount: 20 }), unit("H", { rosterCount: 20, participants: 10, headcount: 8 })], config);
    expect(board[0]).toMatchObject({ unitCode: "H", participationPct: 50, headcount: 8 });
    expect(board[1]).toMatchObject({ unitCode: "T", participationPct: 25, headcount: 20 });
    expect(rankingCsv({ commune: board, department: [] })).toContain("xa_phuong_dac_khu,2,T,Phường T,5,20,");
  });

  it("does not reward size: a small unit at 100 % beats a big one at 60 %", () => {
    const board = rankBoard(
      [
        unit("BIG", { rosterCount: 1000, participants: 600, meanScore: 80, reachedAt: "2026-06-01T00:00:00.000Z" }),
        unit("SMALL", { rosterCount: 20, participants: 20, meanScore: 80, reachedAt: "2026-06-05T00:00:00.000Z" }),
      ],
      config,
    );
    expect(board.map((u) => [u.unitCode, u.rank, u.composite])).toEqual([
      ["SMALL", 1, 92],
      ["BIG", 2, 68],
    ]);
  });
});

describe("ties and units without a roster", () => {
  it("breaks a tie by the earlier moment the unit reached its participation, then by code", () => {
    const same = { rosterCount: 10, participants: 10, meanScore: 90 };
    const board = rankBoard(
      [
        unit("C", { ...same, reachedAt: "2026-06-03T10:00:00.000Z" }),
        unit("A", { ...same, reachedAt: "2026-06-03T10:00:00.000Z" }),
        unit("B", { ...same, reachedAt: "2026-06-02T08:00:00.000Z" }),
      ],
      config,
    );
    expect(board.map((u) => `${u.rank}:${u.unitCode}`)).toEqual(["1:B", "2:A", "3:C"]);
  });

  it("ties on the published (rounded) composite, not on invisible decimals", () => {
    // 0.6 × 33.333… = 20.0 vs 0.6 × 33.33 — both publish as 20.00.
    const board = rankBoard(
      [
        unit("LATE", { rosterCount: 3, participants: 1, reachedAt: "2026-06-09T00:00:00.000Z" }),
        unit("EARLY", { rosterCount: 300, participants: 100, reachedAt: "2026-06-01T00:00:00.000Z" }),
      ],
      config,
    );
    expect(board.map((u) => u.composite)).toEqual([20, 20]);
    expect(board[0]?.unitCode).toBe("EARLY");
  });

  it("shows units without a roster after the ranked ones, unranked and marked", () => {
    const board = rankBoard([unit("Z", { rosterCount: 0 }), unit("Y", { rosterCount: 5 }), unit("X", { rosterCount: 0 })], config);
    expect(board.map((u) => [u.unitCode, u.rank, u.hasRoster, u.participationPct, u.composite])).toEqual([
      ["Y", 1, true, 0, 0],
      ["X", null, false, null, null],
      ["Z", null, false, null, null],
    ]);
  });

  it("orders every board totally and consistently, whatever the input order", () => {
    const arbUnit = fc.record({
      unitCode: fc.stringMatching(/^[A-Z0-9]{2,5}$/),
      rosterCount: fc.integer({ min: 0, max: 50 }),
      participants: fc.integer({ min: 0, max: 50 }),
      meanScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      reachedAt: fc.option(fc.constantFrom("2026-06-01T00:00:00.000Z", "2026-06-02T00:00:00.000Z"), { nil: null }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbUnit, { selector: (u) => u.unitCode, maxLength: 25 }), (raw) => {
        const stats = raw.map((r) => unit(r.unitCode, { ...r, participants: Math.min(r.participants, r.rosterCount) }));
        const a = rankBoard(stats, config);
        const b = rankBoard([...stats].reverse(), config);
        expect(a.map((u) => u.unitCode)).toEqual(b.map((u) => u.unitCode));
        const ranked = a.filter((u) => u.rank !== null);
        expect(ranked.map((u) => u.rank)).toEqual(ranked.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.composite!).toBeGreaterThanOrEqual(ranked[i]!.composite!);
        for (const u of a) if (u.participationPct !== null) expect(u.participationPct).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("qualifiers and the published file", () => {
  const communes = rankBoard(
    Array.from({ length: 14 }, (_, i) => unit(`C${String(i).padStart(2, "0")}`, { participants: i === 13 ? 0 : 10 - (i % 10), meanScore: 50 + i, reachedAt: i === 13 ? null : `2026-06-0${1 + (i % 9)}T00:00:00.000Z` })),
    config,
  );
  const departments = rankBoard([unit("SO-A", { board: "department", participants: 3 }), unit("SO-B", { board: "department", participants: 9 })], config);

  it("proposes the 10 best communes and the best department that took part", () => {
    const q = proposeQualifiers({ commune: communes, department: departments }, config);
    expect(q.communes).toEqual(communes.slice(0, 10).map((u) => u.unitCode));
    expect(q.departments).toEqual(["SO-B"]);
    const none = proposeQualifiers({ commune: rankBoard([unit("Q")], config), department: [] }, config);
    expect(none).toEqual({ communes: [], departments: [] });
  });

  it("writes a UTF-8 CSV whose bytes (hashed by the server) depend only on the ranking", () => {
    const boards = { commune: communes, department: departments };
    const csv = rankingCsv(boards);
    expect(csv.startsWith("\uFEFFbang,hang,ma_don_vi")).toBe(true);
    expect(csv).toContain("xa_phuong_dac_khu,1,");
    expect(csv).toContain("so_ban_nganh,1,SO-B,Phường SO-B,10,,0,0,0,9,90.00,,54.00,");
    expect(rankingCsv(structuredClone(boards))).toBe(csv);
    const changed = structuredClone(boards);
    changed.department[0]!.participants += 1;
    expect(rankingCsv(changed)).not.toBe(csv);
  });

  it("quotes names with commas", () => {
    const csv = rankingCsv({ commune: rankBoard([unit("Q1", { fullName: 'Xã "Mới", Hải Phòng' })], config), department: [] });
    expect(csv).toContain('"Xã ""Mới"", Hải Phòng"');
  });
});
