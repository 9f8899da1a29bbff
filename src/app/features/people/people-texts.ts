import type { Role } from "../../../domain/auth/auth.schema";
import type { OverrideKind } from "../../../domain/quiz/overrides.schema";

export const ROLE_TEXT: Record<Role, string> = { staff: "Cán bộ", unit_lead: "Trưởng đơn vị", judge: "Giám khảo", organizer: "Ban tổ chức" };

export const OVERRIDE_TEXT: Record<OverrideKind, string> = {
  extra_time: "Cộng thêm giờ",
  extra_attempt: "Thêm một lượt thi",
  reopen: "Mở lại bài đã hết giờ",
  void: "Hủy kết quả",
};
