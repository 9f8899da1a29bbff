import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText, headerField, parsePhoneCell, parseRosterGrid, type Cell, type ParsedRoster } from "./roster-grid";

function ok(p: ParsedRoster) {
  if (!p.ok) throw new Error(`expected a parsed roster, got ${p.reason}`);
  return p;
}
const people = (p: ParsedRoster) => ok(p).rows.filter((r) => r.kind === "person" && !r.skip);

describe("header recognition", () => {
  it.each([
    ["Họ và tên", "fullName"],
    ["HỌ VÀ TÊN (*)", "fullName"],
    ["Họ tên cán bộ", "fullName"],
    ["Số điện thoại", "phone"],
    ["SĐT (Zalo)", "phone"],
    ["Điện thoại di động", "phone"],
    ["Chức vụ", "position"],
    ["Chức danh", "position"],
    ["Bộ phận", "subUnit"],
    ["Đơn vị công tác", "subUnit"],
    ["Phòng, ban", "subUnit"],
    ["Vai trò", "role"],
    ["STT", "index"],
    ["Họ đệm", "lastName"],
    ["Tên", "firstName"],
  ] as const)("%s → %s", (label, field) => {
    expect(headerField(label)).toBe(field);
  });

  it("ignores columns it does not use", () => {
    for (const label of ["Email", "Ngày sinh", "Giới tính", "Ghi chú", ""]) expect(headerField(label)).toBeNull();
  });

  it("folds Vietnamese without losing letters", () => {
    expect(foldText("Đặng Thị Ngọc Ánh")).toBe("dang thi ngoc anh");
  });
});

describe("phone cells", () => {
  it.each<[Cell, string | null]>([
    ["0912 345 678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["(+84) 912.345.678", "0912345678"],
    [912345678, "0912345678"],
    [84912345678, "0912345678"],
    ["'0912345678", "0912345678"],
    ["0912345678 (Zalo)", "0912345678"],
  ])("%s → %s", (cell, phone) => {
    expect(parsePhoneCell(cell).phone).toBe(phone);
    expect(parsePhoneCell(cell).problems).toEqual([]);
  });

  it("reports a number that is not a mobile number, keeping what was written", () => {
    expect(parsePhoneCell("0225 3841 234")).toEqual({ phone: null, raw: "0225 3841 234", problems: [{ code: "bad_phone", params: { raw: "0225 3841 234" } }] });
    expect(parsePhoneCell(9.5).problems[0]?.code).toBe("bad_phone");
  });

  it("uses the first of several numbers and says so", () => {
    const r = parsePhoneCell("0912345678 / 0987654321");
    expect(r.phone).toBe("0912345678");
    expect(r.problems).toEqual([{ code: "multiple_phones", params: { raw: "0912345678 / 0987654321", used: "0912345678" } }]);
  });

  it("never accepts anything that is not a normalised mobile number", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.double()), (v) => {
        const { phone } = parsePhoneCell(v);
        return phone === null || /^0[35789]\d{8}$/.test(phone);
      }),
    );
  });
});

describe("messy staff lists", () => {
  it("finds the header under title rows, skips the (1)(2)(3) row, and reads people", () => {
    const grid = {
      rows: [
        ["ỦY BAN NHÂN DÂN PHƯỜNG THÀNH ĐÔNG"],
        ["DANH SÁCH CÁN BỘ THAM GIA CUỘC THI"],
        ["Đơn vị: Phường Thành Đông"],
        [],
        ["STT", "Họ và tên", "Số điện thoại", "Chức vụ", "Bộ phận"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "Nguyễn Thị Lan", "0912 345 678", "Chuyên viên", "Văn phòng HĐND và UBND"],
        [2, "Trần Văn Hùng", 987654321, "Phó Chủ tịch", "Văn phòng HĐND và UBND"],
      ],
    };
    const p = ok(parseRosterGrid(grid));
    expect(p.headerLine).toBe(5);
    expect(p.columns).toMatchObject({ fullName: "Họ và tên", phone: "Số điện thoại", position: "Chức vụ", subUnit: "Bộ phận" });
    expect(people(p).map((r) => [r.line, r.fullName, r.phone])).toEqual([
      [7, "Nguyễn Thị Lan", "0912345678"],
      [8, "Trần Văn Hùng", "0987654321"],
    ]);
  });

  it("reads a two-row header merged over a group label", () => {
    const grid = {
      rows: [
        ["STT", "Họ và tên", "Thông tin liên hệ", null, "Chức vụ"],
        [null, null, "Số điện thoại", "Email", null],
        [1, "Lê Văn Minh", "+84 901 234 567", "minh@example.vn", "Công chức"],
      ],
      merges: [
        { top: 0, left: 0, bottom: 1, right: 0 },
        { top: 0, left: 1, bottom: 1, right: 1 },
        { top: 0, left: 2, bottom: 0, right: 3 },
        { top: 0, left: 4, bottom: 1, right: 4 },
      ],
    };
    const p = ok(parseRosterGrid(grid));
    expect(p.columns.phone).toBe("Số điện thoại");
    expect(people(p)).toEqual([expect.objectContaining({ line: 3, fullName: "Lê Văn Minh", phone: "0901234567", position: "Công chức" })]);
  });

  it("takes sub-units from group rows, and stops at the totals and signatures", () => {
    const grid = {
      rows: [
        ["TT", "Họ và tên", "SĐT", "Chức vụ"],
        ["I", "Văn phòng HĐND và UBND", null, null],
        [1, "Phạm Thu Hà", "0345678901", "Chánh Văn phòng"],
        ["II. Trạm Y tế", "II. Trạm Y tế", "II. Trạm Y tế", "II. Trạm Y tế"],
        [2, "Tống Văn Bình", "0356789012", "Bác sĩ"],
        [3, "Công Thị Hoa", null, "Điều dưỡng"],
        ["Tổng cộng: 3 người"],
        [null, "Người lập biểu", null, "Thủ trưởng đơn vị"],
        [null, "Nguyễn Văn Ký", null, null],
      ],
      merges: [{ top: 3, left: 0, bottom: 3, right: 3 }],
    };
    const p = ok(parseRosterGrid(grid));
    expect(people(p).map((r) => [r.fullName, r.subUnit])).toEqual([
      ["Phạm Thu Hà", "Văn phòng HĐND và UBND"],
      ["Tống Văn Bình", "Trạm Y tế"],
      ["Công Thị Hoa", "Trạm Y tế"],
    ]);
    expect(p.ignoredFromLine).toBe(7);
    expect(p.rows.filter((r) => r.kind === "section").map((r) => r.subUnit)).toEqual(["Văn phòng HĐND và UBND", "Trạm Y tế"]);
  });

  it("joins split name columns and keeps Vietnamese intact (NFC)", () => {
    const decomposed = "Nguyễn".normalize("NFD");
    const grid = { rows: [["Họ đệm", "Tên", "Điện thoại"], [`${decomposed} Thị`, "Ánh", "0912000111"]] };
    const [row] = people(parseRosterGrid(grid));
    expect(row?.fullName).toBe("Nguyễn Thị Ánh");
    expect(row?.fullName).toBe(row?.fullName?.normalize("NFC"));
  });

  it("reports missing names, bad phones and duplicates row by row", () => {
    const grid = {
      rows: [
        ["Họ và tên", "Số điện thoại", "Bộ phận"],
        ["Đỗ An", "0912 345 678", "Trường Tiểu học"],
        [null, "0987654321", "Trường Tiểu học"],
        ["Vũ Bình", "12345", "Trường Tiểu học"],
        ["Đỗ  An", "+84912345678", "Trường Tiểu học"],
        ["Vũ Bình", null, "Trường Tiểu học"],
      ],
    };
    const p = ok(parseRosterGrid(grid));
    expect(p.rows.map((r) => [r.line, r.skip, r.problems.map((x) => x.code)])).toEqual([
      [2, false, []],
      [3, true, ["missing_name"]],
      [4, false, ["bad_phone"]],
      [5, true, ["duplicate_in_file"]],
      [6, true, ["duplicate_in_file"]],
    ]);
    expect(p.rows[3]?.problems[0]?.params).toEqual({ line: "2" });
  });

  it("reads the lead column", () => {
    const grid = { rows: [["Họ và tên", "Số điện thoại", "Vai trò"], ["A Lead", "0912345678", "Lãnh đạo"], ["B Staff", "0912345679", ""]] };
    expect(people(parseRosterGrid(grid)).map((r) => r.isLead)).toEqual([true, false]);
  });

  it("refuses a sheet without a recognisable header, and an empty one", () => {
    expect(parseRosterGrid({ rows: [["a", "b"], ["c", "d"]] })).toEqual({ ok: false, reason: "no_header" });
    expect(parseRosterGrid({ rows: [[], [null, ""]] })).toEqual({ ok: false, reason: "empty" });
  });

  it("imports each key at most once whatever the rows", () => {
    const name = fc.constantFrom("An", "Bình", "Chi", "Dũng");
    const phone = fc.constantFrom("0912345678", "0912 345 678", "+84912345678", null, "bad");
    fc.assert(
      fc.property(fc.array(fc.tuple(name, phone), { maxLength: 30 }), (rows) => {
        const p = parseRosterGrid({ rows: [["Họ và tên", "Số điện thoại"], ...rows] });
        if (!p.ok) return rows.length === 0;
        const keys = p.rows.filter((r) => !r.skip).map((r) => r.key);
        return new Set(keys).size === keys.length;
      }),
    );
  });
});
