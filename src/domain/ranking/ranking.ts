import { participationBase } from "../contest/participation";
import type { Board } from "../units/unit.schema";
import type { RankingConfig } from "./ranking.config";

/** What the database knows about one unit at a moment (counts are over the unit's roster). */
export type UnitStats = {
  unitCode: string;
  name: string;
  fullName: string;
  board: Board;
  /** People on the unit's roster (0 = the unit has not sent its staff list). */
  rosterCount: number;
  /** The official headcount an organiser set (null: none); the rate is over the larger of it and the roster. */
  headcount?: number | null;
  /** Roster people matched to an account. */
  signedIn: number;
  lessonsDone: number;
  testDone: number;
  /** Roster people who finished every lesson and have done the test. */
  participants: number;
  /** Mean counted (by default best) score, 0–100, of roster people who have done the test. */
  meanScore: number | null;
  /** When the unit reached its current number of participants (ISO UTC); null without participants. */
  reachedAt: string | null;
};

export type RankedUnit = UnitStats & {
  headcount: number | null;
  /** 1-based place on its board; null for units without a roster (shown, marked, not ranked). */
  rank: number | null;
  hasRoster: boolean;
  participationPct: number | null;
  composite: number | null;
};

/** Published figures are rounded to 2 decimals, and the order follows the published figures. */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

export function participationPct(participants: number, rosterCount: number): number | null {
  if (rosterCount <= 0) return null;
  return round2((100 * Math.min(participants, rosterCount)) / rosterCount);
}

/** composite = wP × participation% + wS × mean score (a unit where nobody has done the test scores 0 there). */
export function compositeScore(pct: number, meanScore: number | null, config: Pick<RankingConfig, "participationWeight" | "scoreWeight">): number {
  return round2(config.participationWeight * pct + config.scoreWeight * round2(meanScore ?? 0));
}

/** Higher composite first; then whoever reached its participation earlier; then the unit code. */
export function compareRanked(a: RankedUnit, b: RankedUnit): number {
  const ca = a.composite ?? -1;
  const cb = b.composite ?? -1;
  if (ca !== cb) return cb - ca;
  if (a.reachedAt !== b.reachedAt) {
    if (a.reachedAt === null) return 1;
    if (b.reachedAt === null) return -1;
    return a.reachedAt < b.reachedAt ? -1 : 1;
  }
  return a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0;
}

/** Rank one board: ranked units in order, then units without a roster (by code). */
export function rankBoard(stats: readonly UnitStats[], config: Pick<RankingConfig, "participationWeight" | "scoreWeight">): RankedUnit[] {
  const withFigures: RankedUnit[] = stats.map((s) => {
    const pct = participationPct(s.participants, participationBase(s.rosterCount, s.headcount));
    return {
      ...s,
      headcount: s.headcount ?? null,
      meanScore: s.meanScore === null ? null : round2(s.meanScore),
      hasRoster: s.rosterCount > 0,
      participationPct: pct,
      composite: pct === null ? null : compositeScore(pct, s.meanScore, config),
      rank: null,
    };
  });
  const ranked = withFigures.filter((u) => u.hasRoster).sort(compareRanked);
  ranked.forEach((u, i) => (u.rank = i + 1));
  const unranked = withFigures.filter((u) => !u.hasRoster).sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1));
  return [...ranked, ...unranked];
}

export type Qualifiers = { communes: string[]; departments: string[] };

/** The proposal for the next stage: the best N communes and M departments that actually took part. */
export function proposeQualifiers(boards: { commune: readonly RankedUnit[]; department: readonly RankedUnit[] }, config: Pick<RankingConfig, "qualifiers">): Qualifiers {
  const top = (rows: readonly RankedUnit[], n: number) =>
    rows.filter((u) => u.rank !== null && u.participants > 0).slice(0, n).map((u) => u.unitCode);
  return { communes: top(boards.commune, config.qualifiers.communes), departments: top(boards.department, config.qualifiers.departments) };
}

/** "Điểm tổng hợp = 60% × Tỷ lệ tham gia + 40% × Điểm trung bình bài kiểm tra" */
export function formulaText(config: Pick<RankingConfig, "participationWeight" | "scoreWeight">): string {
  const pct = (w: number) => `${round2(w * 100).toLocaleString("vi-VN")}%`;
  return `Điểm tổng hợp = ${pct(config.participationWeight)} × Tỷ lệ tham gia + ${pct(config.scoreWeight)} × Điểm trung bình bài kiểm tra`;
}

export const TIE_BREAK_TEXT =
  "Tỷ lệ tham gia tính trên danh sách cán bộ của đơn vị, hoặc trên số cán bộ chính thức do Ban tổ chức công bố nếu số này lớn hơn (người đã học hết các bài và làm bài kiểm tra). Điểm trung bình là trung bình điểm được tính (mặc định: lần cao nhất) của người đã làm bài kiểm tra. Nếu bằng điểm, đơn vị đạt mức tham gia của mình sớm hơn xếp trên.";

const BOARD_LABEL: Record<Board, string> = { commune: "xa_phuong_dac_khu", department: "so_ban_nganh" };

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const fixed2 = (x: number | null) => (x === null ? "" : x.toFixed(2));

export const RANKING_CSV_HEADER = [
  "bang",
  "hang",
  "ma_don_vi",
  "ten_don_vi",
  "so_nguoi_trong_danh_sach",
  "so_can_bo_chinh_thuc",
  "so_nguoi_da_dang_nhap",
  "so_nguoi_hoc_xong",
  "so_nguoi_lam_bai_kiem_tra",
  "so_nguoi_tham_gia",
  "ty_le_tham_gia",
  "diem_trung_binh",
  "diem_tong_hop",
  "thoi_diem_dat_muc_tham_gia_utc",
] as const;

/**
 * The published file: UTF-8 with a BOM (so spreadsheets show Vietnamese correctly), CRLF lines,
 * fixed 2-decimal numbers with a dot. Its bytes are hashed, so it must be a pure function of the rows.
 */
export function rankingCsv(boards: { commune: readonly RankedUnit[]; department: readonly RankedUnit[] }): string {
  const lines = [RANKING_CSV_HEADER.join(",")];
  for (const board of ["commune", "department"] as const) {
    for (const u of boards[board]) {
      lines.push(
        [
          BOARD_LABEL[board],
          u.rank === null ? "" : String(u.rank),
          u.unitCode,
          u.fullName,
          String(u.rosterCount),
          u.headcount === null || u.headcount === undefined ? "" : String(u.headcount),
          String(u.signedIn),
          String(u.lessonsDone),
          String(u.testDone),
          String(u.participants),
          fixed2(u.participationPct),
          fixed2(u.meanScore),
          fixed2(u.composite),
          u.reachedAt ?? "",
        ]
          .map(csvField)
          .join(","),
      );
    }
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
