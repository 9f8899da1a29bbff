import type ExcelJS from "exceljs";
import type { RankedUnit } from "../../../domain/ranking/ranking";
import type { Formula } from "../../../domain/ranking/ranking.schema";
import { formatVnDateTime, vnParts } from "../../../domain/shared/time";
import type { SubUnitStats } from "../../../domain/units/roster.schema";
import type { Unit } from "../../../domain/units/unit.schema";
import { newWorkbook, workbookBuffer } from "../../shared/xlsx";
import type { Boards } from "../ranking";
import type { PersonView } from "../units";

/**
 * Excel has no time zones: a date cell is a wall-clock reading. We write the Vietnam wall clock
 * (so "23:59 10/06" shows as such anywhere) and say so in the header.
 */
export function vnExcelDate(iso: string): Date {
  const p = vnParts(new Date(iso));
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

const DATE_FORMAT = "dd/mm/yyyy hh:mm";
const PCT_FORMAT = '0.00" %"';
const SCORE_FORMAT = "0.00";

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: "FFFFFFFF" } };
  row.alignment = { vertical: "middle", wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0B5CAD" } };
    c.border = { bottom: { style: "thin" } };
  });
  row.height = 32;
}

export type UnitReportInput = {
  contestName: string;
  unit: Unit;
  generatedAt: Date;
  lessonCount: number;
  summary: { roster: number; headcount: number | null; signedIn: number; lessonsDone: number; testDone: number; participants: number; participationPct: number | null; meanScore: number | null };
  rank: { rank: number; of: number } | null;
  bySubUnit: SubUnitStats[];
  people: PersonView[];
  /** Staff phone numbers only when an organiser turned that on (privacy settings; data minimisation). */
  includeStaffPhones?: boolean;
};

const HEADCOUNT_LABEL = "Số cán bộ chính thức (Ban tổ chức công bố)";

export const UNIT_SHEETS = { summary: "Tổng hợp", people: "Danh sách cán bộ" } as const;
export const PEOPLE_HEADERS = [
  "STT",
  "Họ và tên",
  "Bộ phận",
  "Chức vụ",
  "Đã đăng nhập",
  "Số bài đã học",
  "Hoàn thành bài học",
  "Đã làm bài kiểm tra",
  "Điểm được tính",
  "Thời điểm hoàn thành (giờ Việt Nam)",
  "Tham gia đầy đủ",
] as const;

/** Inserted after "Chức vụ" when the report may carry phone numbers. */
export const PHONE_HEADER = "Số điện thoại";
const PHONE_COLUMN = 4;

const yesNo = (b: boolean) => (b ? "Có" : "Chưa");

/** The unit's official participation report: a summary sheet and one row per person on the roster. */
export async function unitReportXlsx(input: UnitReportInput): Promise<Buffer> {
  const wb = await newWorkbook(`Báo cáo tham gia – ${input.unit.fullName}`, input.generatedAt);
  const s = wb.addWorksheet(UNIT_SHEETS.summary, { views: [{ showGridLines: false }] });
  s.columns = [{ width: 44 }, { width: 22 }, { width: 18 }, { width: 18 }];
  s.addRow([`BÁO CÁO THAM GIA CUỘC THI “${input.contestName.toUpperCase()}”`]).font = { bold: true, size: 14 };
  s.mergeCells("A1:D1");
  s.addRow([input.unit.fullName]).font = { bold: true, size: 13 };
  s.addRow([`Số liệu lúc ${formatVnDateTime(input.generatedAt)} (giờ Việt Nam)`]).font = { italic: true };
  s.addRow([]);
  const lines: Array<[string, number | string | null, string?]> = [
    ["Số người trong danh sách", input.summary.roster],
    [HEADCOUNT_LABEL, input.summary.headcount ?? "Chưa công bố"],
    ["Đã đăng nhập ứng dụng", input.summary.signedIn],
    [`Đã học xong ${input.lessonCount} bài`, input.summary.lessonsDone],
    ["Đã làm bài kiểm tra", input.summary.testDone],
    ["Tham gia đầy đủ (học xong và làm bài)", input.summary.participants],
    // Over the larger of the list and the official headcount, as on the boards.
    ["Tỷ lệ tham gia", input.summary.participationPct, PCT_FORMAT],
    ["Điểm trung bình bài kiểm tra", input.summary.meanScore, SCORE_FORMAT],
    ["Xếp hạng hiện tại", input.rank ? `${input.rank.rank}/${input.rank.of}` : "Chưa xếp hạng"],
  ];
  for (const [label, value, fmt] of lines) {
    const row = s.addRow([label, value ?? "—"]);
    row.getCell(1).font = { bold: true };
    if (fmt && typeof value === "number") row.getCell(2).numFmt = fmt;
  }
  s.addRow([]);
  styleHeader(s.addRow(["Bộ phận", "Số người", "Tham gia đầy đủ", "Tỷ lệ"]));
  for (const g of input.bySubUnit) {
    const row = s.addRow([g.subUnit ?? "(Chưa ghi bộ phận)", g.roster, g.participants, g.participationPct]);
    row.getCell(4).numFmt = PCT_FORMAT;
  }

  const p = wb.addWorksheet(UNIT_SHEETS.people, { views: [{ state: "frozen", ySplit: 1 }] });
  const phones = input.includeStaffPhones === true;
  const withPhone = <T,>(cells: T[], phone: T) => (phones ? [...cells.slice(0, PHONE_COLUMN), phone, ...cells.slice(PHONE_COLUMN)] : cells);
  const headers = withPhone<string>([...PEOPLE_HEADERS], PHONE_HEADER);
  p.columns = withPhone([6, 30, 30, 22, 12, 12, 14, 14, 12, 22, 14], 14).map((width) => ({ width }));
  styleHeader(p.addRow(headers));
  input.people.forEach((person, i) => {
    const cells: Array<string | number | Date | null> = [
      i + 1,
      person.fullName,
      person.subUnit,
      person.position,
      yesNo(person.userId !== null),
      `${Math.min(person.lessonsDone, input.lessonCount)}/${input.lessonCount}`,
      yesNo(person.lessonsComplete),
      yesNo(person.testDone),
      person.countedScore,
      person.participatedAt ? vnExcelDate(person.participatedAt) : null,
      yesNo(person.participated),
    ];
    const row = p.addRow(withPhone(cells, person.phone));
    row.getCell(headers.indexOf("Điểm được tính") + 1).numFmt = SCORE_FORMAT;
    row.getCell(headers.indexOf("Thời điểm hoàn thành (giờ Việt Nam)") + 1).numFmt = DATE_FORMAT;
  });
  p.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return workbookBuffer(wb);
}

export const CITY_SHEETS = { info: "Thông tin", commune: "Xã, phường, đặc khu", department: "Sở, ban, ngành" } as const;
export const CITY_HEADERS = [
  "Hạng",
  "Mã đơn vị",
  "Đơn vị",
  "Số người trong danh sách",
  "Đã đăng nhập",
  "Học xong",
  "Đã làm bài kiểm tra",
  "Tham gia đầy đủ",
  "Tỷ lệ tham gia (%)",
  "Điểm trung bình",
  "Điểm tổng hợp",
  "Đạt mức tham gia lúc (giờ Việt Nam)",
  "Ghi chú",
  HEADCOUNT_LABEL,
] as const;

export type CityReportInput = {
  contestName: string;
  generatedAt: Date;
  source: "live" | "snapshot";
  sha256: string | null;
  formula: Formula;
  boards: Boards;
};

/** For the department: every unit, its roster size, participation, mean score and rank. */
export async function cityReportXlsx(input: CityReportInput): Promise<Buffer> {
  const wb = await newWorkbook("Báo cáo toàn thành phố", input.generatedAt);
  const info = wb.addWorksheet(CITY_SHEETS.info);
  info.columns = [{ width: 30 }, { width: 90 }];
  info.addRow([`Cuộc thi “${input.contestName}”`]).font = { bold: true, size: 14 };
  info.addRow(["Số liệu", input.source === "snapshot" ? "Kết quả chốt Giai đoạn 1" : "Tạm tính (đang cập nhật trực tiếp)"]);
  info.addRow(["Thời điểm", `${formatVnDateTime(input.generatedAt)} (giờ Việt Nam)`]);
  info.addRow(["Công thức", input.formula.text]);
  info.addRow(["Cách tính", input.formula.tieBreak]);
  if (input.sha256) info.addRow(["SHA-256 của tệp CSV công bố", input.sha256]);

  for (const board of ["commune", "department"] as const) {
    const ws = wb.addWorksheet(CITY_SHEETS[board], { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = [7, 11, 40, 14, 12, 12, 14, 14, 12, 12, 12, 20, 22, 18].map((width) => ({ width }));
    styleHeader(ws.addRow([...CITY_HEADERS]));
    for (const u of input.boards[board] as RankedUnit[]) {
      const row = ws.addRow([
        u.rank,
        u.unitCode,
        u.fullName,
        u.rosterCount,
        u.signedIn,
        u.lessonsDone,
        u.testDone,
        u.participants,
        u.participationPct,
        u.meanScore,
        u.composite,
        u.reachedAt ? vnExcelDate(u.reachedAt) : null,
        u.hasRoster ? "" : "Chưa có danh sách cán bộ",
        u.headcount ?? null,
      ]);
      for (const c of [9, 10, 11]) row.getCell(c).numFmt = SCORE_FORMAT;
      row.getCell(12).numFmt = DATE_FORMAT;
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CITY_HEADERS.length } };
  }
  return workbookBuffer(wb);
}
