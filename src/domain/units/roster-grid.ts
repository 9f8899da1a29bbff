import { normalizePhone } from "../shared/phone";
import type { RosterProblem } from "./roster.schema";

/**
 * Reading a unit's staff list as people actually send it: a title and a few lines above the
 * header, headers merged over two rows, a "(1) (2) (3)" numbering row, sub-unit group rows
 * ("I. Văn phòng HĐND và UBND"), phones typed as Excel numbers or with spaces and +84, duplicate
 * rows, and a totals/signature block at the bottom. Pure: the server turns CSV/XLSX into a grid.
 */
export type Cell = string | number | boolean | Date | null | undefined;
/** 0-based, inclusive. */
export type GridMerge = { top: number; left: number; bottom: number; right: number };
export type RosterGrid = { rows: Cell[][]; merges?: GridMerge[] };

export const ROSTER_FIELDS = ["index", "fullName", "lastName", "firstName", "phone", "position", "subUnit", "role"] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const MAX_ROSTER_ROWS = 10_000;
const HEADER_SCAN_ROWS = 30;

/** Lower-case, no diacritics, đ→d, punctuation to spaces: "Họ và tên (*)" → "ho va ten". */
export function foldText(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

type Rule = { field: RosterField; exact?: string[]; includes?: string[] };
// Order matters: the first rule that matches a header wins.
const HEADER_RULES: Rule[] = [
  { field: "index", exact: ["stt", "tt", "so tt", "so thu tu", "no"] },
  { field: "phone", exact: ["dt", "sdt", "dtdd"], includes: ["dien thoai", "so dt", "phone", "mobile", "di dong", "zalo"] },
  { field: "lastName", exact: ["ho dem", "ho va ten dem", "ho va dem", "ho lot", "ho va chu dem", "ho", "ho va chu lot"] },
  { field: "firstName", exact: ["ten"] },
  { field: "fullName", exact: ["name", "ten can bo", "ten nhan vien", "ten cong chuc", "can bo", "nguoi tham gia"], includes: ["ho va ten", "ho ten", "full name"] },
  { field: "role", exact: ["lanh dao", "la lanh dao"], includes: ["vai tro", "role", "quyen"] },
  { field: "position", includes: ["chuc vu", "chuc danh", "position", "vi tri"] },
  { field: "subUnit", exact: ["phong"], includes: ["bo phan", "don vi cong tac", "phong ban", "noi cong tac", "co quan", "don vi", "to chuc", "sub unit", "department", "phong chuyen mon"] },
];

export function headerField(label: string): RosterField | null {
  const f = foldText(label);
  if (!f || f.length > 60) return null;
  for (const r of HEADER_RULES) {
    if (r.exact?.includes(f)) return r.field;
    if (r.includes?.some((w) => f.includes(w))) return r.field;
  }
  return null;
}

/** A cell as trimmed NFC text (Vietnamese typed on a Mac arrives decomposed). */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "number") return String(v);
  return String(v).normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Phones as people type them; several in one cell are split on / , ; and new lines. */
export function parsePhoneCell(v: Cell): { phone: string | null; raw: string; problems: RosterProblem[] } {
  if (v === null || v === undefined || v === "") return { phone: null, raw: "", problems: [] };
  if (typeof v === "number") {
    const raw = Number.isInteger(v) ? String(v) : v.toFixed(0);
    const phone = Number.isInteger(v) ? normalizePhone(raw) : null;
    return { phone, raw, problems: phone ? [] : [{ code: "bad_phone", params: { raw } }] };
  }
  const raw = String(v).normalize("NFC").trim();
  const candidates = raw
    .replace(/^'/, "")
    .split(/[/,;\n]|\s+(?:hoặc|hoac|or)\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);
  // "0912 345 678 (Zalo)": keep what a number is written with, drop the words around it.
  const valid = candidates.map((c) => normalizePhone(c.replace(/[^\d+\s.\-()]/g, ""))).filter((p): p is string => p !== null);
  const first = valid[0] ?? null;
  if (!first) return { phone: null, raw, problems: [{ code: "bad_phone", params: { raw } }] };
  const distinct = new Set(valid);
  return { phone: first, raw, problems: distinct.size > 1 ? [{ code: "multiple_phones", params: { raw, used: first } }] : [] };
}

const LEAD_VALUES = new Set(["x", "co", "1", "yes", "true", "unit lead", "unit_lead", "truong don vi", "thu truong", "lanh dao", "lanh dao don vi", "quan tri"]);
function isLeadValue(v: Cell): boolean {
  const f = foldText(cellText(v));
  return f !== "" && (LEAD_VALUES.has(f) || f.includes("lanh dao"));
}

// With diacritics on purpose: "Tổng cộng" ends the list, the surname "Tống" does not; "Cộng" is not "Công".
const FOOTER = /^(?:tổng cộng|tổng số|tổng|cộng|người lập(?: biểu)?|ghi chú|xác nhận|thủ trưởng|ký tên|ký,|ngày\s*[.…]*\s*tháng)(?![\p{L}])/u;
function isFooter(text: string): boolean {
  return FOOTER.test(text.normalize("NFC").toLowerCase().trim());
}

/** "I. Văn phòng", "B) Trường học": group rows of a list (digits are left to people: "1. Nguyễn Văn A"). */
const ENUMERATOR = /^(?:[IVXLC]+|[A-Z])\s*[.)/:-]\s*(\S.*)$/;
const ANY_ENUMERATOR = /^(?:[IVXLC]+|[A-Za-z]|\d+(?:\.\d+)*)\s*[.)/:-]\s*(\S.*)$/;
const NON_NUMERIC_INDEX = /^(?:[IVXLC]+|[A-Za-z])\.?$/;
/** "(1)", "2", "3." — the column-numbering row of official forms. */
const NUMBERING_CELL = /^\(?\d{1,2}\)?\.?$/;

export type ParsedRosterRow = {
  line: number;
  kind: "person" | "section";
  fullName: string | null;
  phone: string | null;
  position: string | null;
  subUnit: string | null;
  isLead: boolean;
  /** Identity within the unit: the phone, else the folded name and sub-unit. Null when the row cannot be imported. */
  key: string | null;
  problems: RosterProblem[];
  /** Not imported (missing name, duplicate). */
  skip: boolean;
};

export type ParsedRoster =
  | {
      ok: true;
      headerLine: number;
      /** field → header text as written. */
      columns: Partial<Record<RosterField, string>>;
      rows: ParsedRosterRow[];
      ignoredFromLine: number | null;
    }
  | { ok: false; reason: "empty" | "no_header" | "too_many_rows" };

export function rosterKey(fullName: string, subUnit: string | null, phone: string | null): string {
  return phone ? `tel:${phone}` : `name:${foldText(fullName)}|${foldText(subUnit ?? "")}`;
}

function mergeCovering(merges: readonly GridMerge[], row: number, col: number): GridMerge | undefined {
  return merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** Fields found in one row: column → field (first column wins per field). */
function fieldsOfRow(row: readonly Cell[]): Map<number, RosterField> {
  const found = new Map<number, RosterField>();
  const used = new Set<RosterField>();
  row.forEach((c, col) => {
    if (typeof c !== "string") return;
    const field = headerField(c);
    if (field && !used.has(field)) {
      used.add(field);
      found.set(col, field);
    }
  });
  return found;
}

const hasName = (m: Map<number, RosterField>) => [...m.values()].some((f) => f === "fullName" || f === "firstName");

function isNumberingRow(row: readonly Cell[]): boolean {
  const cells = row.map(cellText).filter(Boolean);
  return cells.length >= 2 && cells.every((c) => NUMBERING_CELL.test(c));
}

export function parseRosterGrid(grid: RosterGrid): ParsedRoster {
  const rows = grid.rows;
  const merges = grid.merges ?? [];
  if (!rows.some((r) => r.some((c) => cellText(c) !== ""))) return { ok: false, reason: "empty" };

  // The header is the row (among the first ones) naming the most known columns, and a name column.
  let headerRow = -1;
  let best = new Map<number, RosterField>();
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r++) {
    const m = fieldsOfRow(rows[r] ?? []);
    if (hasName(m) && m.size > best.size) {
      best = m;
      headerRow = r;
    }
  }
  if (headerRow < 0) return { ok: false, reason: "no_header" };

  // Merged two-row headers: "Thông tin liên hệ" above "Số điện thoại | Email".
  // Only where the header row has no field of its own (blank, or a group label such as "Liên hệ"),
  // and never from a one-line title such as "Đơn vị: Phường Thành Đông".
  const columns = new Map(best);
  const mappedFields = () => new Set(columns.values());
  const header = rows[headerRow] ?? [];
  let headerEnd = headerRow;
  for (const r of [headerRow - 1, headerRow + 1]) {
    if (r < 0 || r >= rows.length) continue;
    const neighbour = rows[r] ?? [];
    if (new Set(neighbour.map(cellText).filter(Boolean)).size < 2) continue;
    // A data row has a name under the name column; a sub-header row has text only under group labels.
    const clashes = neighbour.some((c, col) => best.has(col) && cellText(c) !== "" && cellText(c) !== cellText(header[col]));
    if (clashes) continue;
    const m = fieldsOfRow(neighbour);
    let added = false;
    for (const [col, field] of m) {
      if (!columns.has(col) && !mappedFields().has(field) && headerField(cellText(header[col])) === null) {
        columns.set(col, field);
        added = true;
      }
    }
    if (added && r > headerEnd) headerEnd = r;
  }
  if (headerEnd + 1 < rows.length && isNumberingRow(rows[headerEnd + 1] ?? [])) headerEnd += 1;

  const colOf = (field: RosterField) => [...columns.entries()].find(([, f]) => f === field)?.[0];
  const labels: Partial<Record<RosterField, string>> = {};
  for (const [col, field] of columns) {
    const label = [headerRow, headerRow - 1, headerRow + 1].map((r) => rows[r]?.[col]).find((c) => typeof c === "string" && headerField(c) === field);
    labels[field] = cellText(label ?? "");
  }

  const dataRows = rows.length - headerEnd - 1;
  if (dataRows > MAX_ROSTER_ROWS) return { ok: false, reason: "too_many_rows" };

  const cIndex = colOf("index");
  const cFull = colOf("fullName");
  const cLast = colOf("lastName");
  const cFirst = colOf("firstName");
  const cPhone = colOf("phone");
  const cPos = colOf("position");
  const cSub = colOf("subUnit");
  const cRole = colOf("role");
  const at = (row: readonly Cell[], col: number | undefined): Cell => (col === undefined ? null : row[col]);

  const out: ParsedRosterRow[] = [];
  const firstLineOfKey = new Map<string, number>();
  let section: string | null = null;
  let ignoredFromLine: number | null = null;

  for (let r = headerEnd + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = r + 1;
    if (!row.some((c) => cellText(c) !== "")) continue;

    let fullName = cFull !== undefined ? cellText(at(row, cFull)) : "";
    if (!fullName && (cLast !== undefined || cFirst !== undefined)) fullName = [cellText(at(row, cLast)), cellText(at(row, cFirst))].filter(Boolean).join(" ");
    const phoneCell = at(row, cPhone);
    const hasPhone = cellText(phoneCell) !== "";
    const position = cellText(at(row, cPos)) || null;
    const ownSubUnit = cellText(at(row, cSub)) || null;
    const indexText = cellText(at(row, cIndex));

    // A row whose only content is one label spread over the row: a title or group row.
    const distinctValues = new Set(row.map(cellText).filter(Boolean));
    const nameCol = cFull ?? cLast ?? cFirst ?? 0;
    const merged = mergeCovering(merges, r, nameCol);
    const spansColumns = merged !== undefined && merged.right > merged.left;
    const onlyLabel = distinctValues.size === 1 ? [...distinctValues][0]! : null;

    if (!hasPhone && onlyLabel && isFooter(onlyLabel)) {
      ignoredFromLine = line;
      break;
    }
    if (!hasPhone && fullName && isFooter(fullName) && !position) {
      ignoredFromLine = line;
      break;
    }

    const sectionLabel = (() => {
      // A merged label repeats in every cell it covers, the phone column included.
      if (onlyLabel && (spansColumns || ENUMERATOR.test(onlyLabel))) return onlyLabel;
      if (hasPhone || position) return null;
      if (fullName && NON_NUMERIC_INDEX.test(indexText)) return fullName;
      if (distinctValues.size === 2 && fullName && NON_NUMERIC_INDEX.test([...distinctValues].find((v) => v !== fullName) ?? "")) return fullName;
      return null;
    })();
    if (sectionLabel) {
      section = sectionLabel.replace(ANY_ENUMERATOR, "$1").trim() || sectionLabel;
      out.push({ line, kind: "section", fullName: null, phone: null, position: null, subUnit: section, isLead: false, key: null, problems: [], skip: true });
      continue;
    }

    const problems: RosterProblem[] = [];
    const phoneParsed = parsePhoneCell(phoneCell);
    problems.push(...phoneParsed.problems);
    const subUnit = ownSubUnit ?? section;
    const isLead = isLeadValue(at(row, cRole));
    if (!fullName) {
      out.push({ line, kind: "person", fullName: null, phone: phoneParsed.phone, position, subUnit, isLead, key: null, problems: [{ code: "missing_name", params: {} }, ...problems], skip: true });
      continue;
    }
    const key = rosterKey(fullName, subUnit, phoneParsed.phone);
    const first = firstLineOfKey.get(key);
    if (first !== undefined) {
      out.push({ line, kind: "person", fullName, phone: phoneParsed.phone, position, subUnit, isLead, key, problems: [{ code: "duplicate_in_file", params: { line: String(first) } }], skip: true });
      continue;
    }
    firstLineOfKey.set(key, line);
    out.push({ line, kind: "person", fullName, phone: phoneParsed.phone, position, subUnit, isLead, key, problems, skip: false });
  }

  return { ok: true, headerLine: headerRow + 1, columns: labels, rows: out, ignoredFromLine };
}
