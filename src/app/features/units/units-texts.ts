import type { RosterProblem, RosterRowStatus, MissingStep } from "../../../domain/units/roster.schema";

/** Vietnamese for everything the roster report and the chase list say. */
export const ROW_STATUS_LABEL: Record<RosterRowStatus, string> = {
  created: "Thêm mới",
  updated: "Cập nhật",
  unchanged: "Không đổi",
  skipped: "Bỏ qua",
  error: "Lỗi",
  section: "Nhóm",
};

export function problemText(p: RosterProblem, unitName: (code: string) => string): string {
  const v = p.params;
  switch (p.code) {
    case "missing_name":
      return "Thiếu họ và tên — dòng này không được nhập.";
    case "bad_phone":
      return `Số điện thoại “${v.raw ?? ""}” không phải số di động hợp lệ — đã nhập người này nhưng không kèm số, nên chưa tự khớp được tài khoản.`;
    case "multiple_phones":
      return `Ô có nhiều số (“${v.raw ?? ""}”) — dùng số ${v.used ?? ""}.`;
    case "duplicate_in_file":
      return `Trùng với dòng ${v.line ?? "?"} — bỏ qua.`;
    case "phone_in_other_unit":
      return `Số điện thoại đã có trong danh sách của ${unitName(v.unitCode ?? "")} — không nhập. Đề nghị đơn vị đó xoá trước.`;
    case "role_ignored":
      return "Cột “Vai trò” chỉ được áp dụng khi Ban tổ chức nhập danh sách; quyền lãnh đạo chưa được cấp.";
  }
}

export const MISSING_LABEL: Record<MissingStep, string> = {
  sign_in: "chưa đăng nhập",
  lessons: "chưa học xong",
  test: "chưa làm bài kiểm tra",
};

export function missingText(item: { missing: MissingStep[]; lessonsDone: number }, lessonCount: number): string {
  return item.missing.map((m) => (m === "lessons" && item.lessonsDone > 0 ? `mới học ${item.lessonsDone}/${lessonCount} bài` : MISSING_LABEL[m])).join(", ");
}

export const fmtInt = (n: number) => n.toLocaleString("vi-VN");
export const fmtPct = (n: number | null) => (n === null ? "—" : `${n.toLocaleString("vi-VN", { maximumFractionDigits: 2 })}%`);
export const fmtScore = (n: number | null) => (n === null ? "—" : n.toLocaleString("vi-VN", { minimumFractionDigits: 0, maximumFractionDigits: 2 }));
export const NO_SUB_UNIT = "(Chưa ghi bộ phận)";
