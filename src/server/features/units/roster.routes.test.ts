import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardResponse, RosterImportResponse } from "../../../domain/units/roster.schema";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";
import { uploadRoster, verifyPhone, XLSX_TYPE, xlsxOf } from "./units.test-helpers";

const WARD = "10507"; // Phường Thành Đông
const OTHER = "10525"; // Phường Hải Dương

const MESSY_CSV = [
  "ỦY BAN NHÂN DÂN PHƯỜNG THÀNH ĐÔNG,,,,",
  "DANH SÁCH CÁN BỘ THAM GIA CUỘC THI,,,,",
  ",,,,",
  "STT,Họ và tên,Số điện thoại,Chức vụ,Bộ phận",
  "(1),(2),(3),(4),(5)",
  "1,Nguyễn Thị Lan,0912 345 678,Chuyên viên,Văn phòng HĐND và UBND",
  '2,Trần Văn Hùng,"+84 987 654 321",Phó Chủ tịch,Văn phòng HĐND và UBND',
  "3,Phạm Thu Hà,912000111,Giáo viên,Trường Tiểu học Thành Đông",
  "4,Nguyễn Thị Lan,84912345678,Chuyên viên,Văn phòng HĐND và UBND",
  "5,,0934567890,Kế toán,Trạm Y tế",
  "6,Đặng Văn Bình,0225 3841 234,Bác sĩ,Trạm Y tế",
  "7,Lê Minh Châu,,Nhân viên,Trung tâm Phục vụ hành chính công",
  "Tổng cộng: 7 người,,,,",
  ",Người lập biểu,,Thủ trưởng đơn vị,",
].join("\r\n");

describe.each(DIALECTS)("staff lists (rosters) on %s", (dialect) => {
  let t: TestApp;
  let lead: Awaited<ReturnType<TestApp["signIn"]>>;
  let organizer: Awaited<ReturnType<TestApp["signIn"]>>;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    lead = await t.signIn("Trưởng Phường", "unit_lead", WARD);
    organizer = await t.signIn("Ban Tổ Chức", "organizer");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reads a messy CSV row by row: title rows, numbering row, +84, spaces, lost zeros, duplicates, footer", async () => {
    const res = await uploadRoster(t, lead.auth, WARD, "danh-sach.csv", `\uFEFF${MESSY_CSV}`);
    expect(res.statusCode).toBe(200);
    const report = res.json() as RosterImportResponse;
    expect(report).toMatchObject({ unitCode: WARD, format: "csv", headerLine: 4, ignoredFromLine: 13 });
    expect(report.columns).toMatchObject({ fullName: "Họ và tên", phone: "Số điện thoại", position: "Chức vụ", subUnit: "Bộ phận" });
    expect(report.rows.map((r) => [r.line, r.status, r.phone, r.problems.map((p) => p.code).join(",")])).toEqual([
      [6, "created", "0912345678", ""],
      [7, "created", "0987654321", ""],
      [8, "created", "0912000111", ""],
      [9, "skipped", "0912345678", "duplicate_in_file"],
      [10, "error", "0934567890", "missing_name"],
      [11, "created", null, "bad_phone"],
      [12, "created", null, ""],
    ]);
    expect(report.rows[5]?.problems[0]?.params).toEqual({ raw: "0225 3841 234" });
    expect(report.totals).toMatchObject({ rows: 7, created: 5, skipped: 1, errors: 1, rosterSize: 5, matched: 0 });
  });

  it("updates rows on re-import instead of duplicating them, and replaces the list only when asked", async () => {
    const again = await uploadRoster(t, lead.auth, WARD, "danh-sach.csv", `\uFEFF${MESSY_CSV}`);
    expect(again.json().totals).toMatchObject({ created: 0, unchanged: 5, rosterSize: 5 });

    const changed = ["Họ và tên,SĐT,Chức vụ,Bộ phận", "Nguyễn Thị Lan,0912345678,Chuyên viên chính,Văn phòng HĐND và UBND", "Lê Minh Châu,0901234567,Nhân viên,Trung tâm Phục vụ hành chính công"].join("\n");
    const merged = (await uploadRoster(t, lead.auth, WARD, "bo-sung.csv", changed)).json() as RosterImportResponse;
    // Lê Minh Châu had no phone: the row that names her gains one instead of a second row appearing.
    expect(merged.rows.map((r) => r.status)).toEqual(["updated", "updated"]);
    expect(merged.totals).toMatchObject({ rosterSize: 5, removed: 0 });

    const replaced = (await uploadRoster(t, lead.auth, WARD, "thay-the.csv", changed, { replace: true })).json() as RosterImportResponse;
    expect(replaced.totals).toMatchObject({ unchanged: 2, removed: 3, rosterSize: 2 });
  });

  it("reads an XLSX with a merged title, a header merged over two rows, Excel-number phones and group rows", async () => {
    const file = await xlsxOf(
      [
        ["ỦY BAN NHÂN DÂN PHƯỜNG HẢI DƯƠNG"],
        ["STT", "Họ và tên", "Liên hệ", null, "Chức vụ"],
        [null, null, "Số điện thoại", "Email", null],
        ["I", "Văn phòng HĐND và UBND"],
        [1, "Vũ Thị Ánh", 978123456, "anh@example.vn", "Văn thư"],
        [2, "Hoàng Đức Mạnh", "+84 356 789 012", null, "Chủ tịch"],
        ["II. Trạm Y tế"],
        [3, "Ngô Thị Huệ", "0356 111 222", null, "Y sĩ"],
        [4, "Vũ Thị Ánh", "0978.123.456", null, "Văn thư"],
      ],
      ["A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "A7:E7"],
    );
    const res = await uploadRoster(t, organizer.auth, OTHER, "danh-sach.xlsx", file, { contentType: XLSX_TYPE });
    expect(res.statusCode).toBe(200);
    const report = res.json() as RosterImportResponse;
    expect(report).toMatchObject({ format: "xlsx", sheet: "Danh sách", headerLine: 2 });
    expect(report.rows.map((r) => [r.status, r.fullName, r.phone, r.subUnit])).toEqual([
      ["section", null, null, "Văn phòng HĐND và UBND"],
      ["created", "Vũ Thị Ánh", "0978123456", "Văn phòng HĐND và UBND"],
      ["created", "Hoàng Đức Mạnh", "0356789012", "Văn phòng HĐND và UBND"],
      ["section", null, null, "Trạm Y tế"],
      ["created", "Ngô Thị Huệ", "0356111222", "Trạm Y tế"],
      ["skipped", "Vũ Thị Ánh", "0978123456", "Trạm Y tế"],
    ]);
  });

  it("keeps Vietnamese intact from a Windows-1258 CSV and from Excel's UTF-16 text", async () => {
    const unit = "10532";
    const rows = "Họ và tên,Số điện thoại\r\nNguyễn Thị Ánh,0912111222\r\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows.replace(/,/g, "\t"), "utf16le")]);
    const res = await uploadRoster(t, organizer.auth, unit, "unicode.txt", utf16, { contentType: "text/plain" });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows[0]).toMatchObject({ status: "created", fullName: "Nguyễn Thị Ánh", phone: "0912111222" });

    const legacy = encodeWindows1258("Họ và tên,Số điện thoại\r\nĐỗ Văn Đức,0912111333\r\n");
    const res1258 = await uploadRoster(t, organizer.auth, unit, "ansi.csv", legacy);
    expect(res1258.json().rows[0]).toMatchObject({ status: "created", fullName: "Đỗ Văn Đức" });
    const dash = (await t.app.inject({ method: "GET", url: `/api/units/${unit}/dashboard`, headers: organizer.auth })).json() as DashboardResponse;
    expect(dash.chase.map((c) => c.fullName).sort()).toEqual(["Nguyễn Thị Ánh", "Đỗ Văn Đức"].sort());
  });

  it("refuses files it cannot read, saying why in Vietnamese", async () => {
    const noHeader = await uploadRoster(t, lead.auth, WARD, "x.csv", "a,b\n1,2\n");
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error).toMatchObject({ code: "ROSTER_INVALID", fields: { file: expect.stringContaining("Họ và tên") } });

    const xls = await uploadRoster(t, lead.auth, WARD, "old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.json().error.fields.file).toContain(".xls");

    const big = await uploadRoster(t, lead.auth, WARD, "big.csv", Buffer.alloc(5 * 1024 * 1024 + 10, 0x41));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: "ROSTER_INVALID", fields: { file: expect.stringContaining("quá lớn") } });

    const json = await t.app.inject({ method: "POST", url: `/api/units/${WARD}/roster`, headers: lead.auth, payload: { file: "x" } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe("ROSTER_INVALID");
  });

  it("matches a person when they verify their phone, filling in unit, sub-unit and position", async () => {
    const unit = "10537";
    await uploadRoster(t, organizer.auth, unit, "ds.csv", "Họ và tên,Số điện thoại,Chức vụ,Đơn vị công tác\nBùi Thị Mai,0 977 888 999,Kế toán,Trung tâm Dịch vụ sự nghiệp công\n");
    const mai = await t.signIn("Bùi Mai", "staff", WARD);
    const user = await verifyPhone(t, mai.auth, "+84977888999");
    expect(user).toMatchObject({ unitCode: unit, subUnit: "Trung tâm Dịch vụ sự nghiệp công", position: "Kế toán", role: "staff" });
    const dash = (await t.app.inject({ method: "GET", url: `/api/units/${unit}/dashboard`, headers: organizer.auth })).json() as DashboardResponse;
    expect(dash.counts).toMatchObject({ roster: 1, signedIn: 1 });
    expect(dash.chase[0]).toMatchObject({ userId: mai.user.id, missing: ["lessons", "test"] });
  });

  it("matches people who verified before the list arrived, at import time", async () => {
    const unit = "10543";
    const early = await t.signIn("Đào Văn Sớm", "staff", unit);
    await verifyPhone(t, early.auth, "0966555444");
    const report = (await uploadRoster(t, organizer.auth, unit, "ds.csv", "Họ và tên,Số điện thoại,Bộ phận\nĐào Văn Sớm,0966 555 444,Phòng Kinh tế\n")).json() as RosterImportResponse;
    expect(report.totals.matched).toBe(1);
    const me = (await t.app.inject({ method: "GET", url: "/api/me", headers: early.auth })).json().user;
    expect(me.subUnit).toBe("Phòng Kinh tế");
  });

  it("grants unit_lead from the list's role column only when an organiser imports it", async () => {
    const unit = "10546";
    const boss = await t.signIn("Lãnh Đạo Xã", "staff", unit);
    await verifyPhone(t, boss.auth, "0911222333");
    const lead46 = await t.signIn("Phó Lãnh Đạo", "unit_lead", unit);
    const csv = "Họ và tên,Số điện thoại,Vai trò\nLãnh Đạo Xã,0911222333,Lãnh đạo\n";
    const byLead = (await uploadRoster(t, lead46.auth, unit, "ds.csv", csv)).json() as RosterImportResponse;
    expect(byLead.rows[0]?.problems.map((p) => p.code)).toEqual(["role_ignored"]);
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: boss.auth })).json().user.role).toBe("staff");

    await uploadRoster(t, organizer.auth, unit, "ds.csv", csv);
    expect((await t.app.inject({ method: "GET", url: "/api/me", headers: boss.auth })).json().user.role).toBe("unit_lead");
    const audit = (await t.app.inject({ method: "GET", url: "/api/audit", headers: organizer.auth })).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toContain("role.grant_from_roster");
  });

  it("will not put one phone on two units' lists", async () => {
    const res = (await uploadRoster(t, lead.auth, WARD, "ds.csv", "Họ và tên,Số điện thoại\nBùi Thị Mai,0977888999\n")).json() as RosterImportResponse;
    expect(res.rows[0]).toMatchObject({ status: "error", problems: [{ code: "phone_in_other_unit", params: { unitCode: "10537" } }] });
  });
});

/**
 * What Excel's plain "CSV" writes on a Vietnamese Windows: windows-1258, where â ê ô ă ơ ư đ have
 * their own byte and the five tone marks are combining characters after the letter.
 */
function encodeWindows1258(text: string): Buffer {
  const letters: Record<string, number> = { â: 0xe2, Â: 0xc2, ê: 0xea, Ê: 0xca, ô: 0xf4, Ô: 0xd4, ă: 0xe3, Ă: 0xc3, ơ: 0xf5, Ơ: 0xd5, ư: 0xfd, Ư: 0xdd, đ: 0xf0, Đ: 0xd0 };
  const tones: Record<string, number> = { "\u0300": 0xcc, "\u0301": 0xec, "\u0303": 0xde, "\u0309": 0xd2, "\u0323": 0xf2 };
  const out: number[] = [];
  const chars = [...text.normalize("NFD")];
  for (let i = 0; i < chars.length; i++) {
    let base = chars[i]!;
    const marks: string[] = [];
    while (i + 1 < chars.length && /\p{M}/u.test(chars[i + 1]!)) marks.push(chars[++i]!);
    // "ệ" decomposes as e + dot below + circumflex: the circumflex makes the letter ê, the dot is the tone.
    const letterMark = marks.find((m) => /[\u0302\u0306\u031b]/.test(m));
    if (letterMark) base = (base + letterMark).normalize("NFC");
    const own = letters[base];
    if (own !== undefined) out.push(own);
    else if (base.charCodeAt(0) < 0x80) out.push(base.charCodeAt(0));
    else throw new Error(`no windows-1258 byte for ${base}`);
    for (const m of marks) if (m !== letterMark) out.push(tones[m] ?? 0x3f);
  }
  return Buffer.from(out);
}
