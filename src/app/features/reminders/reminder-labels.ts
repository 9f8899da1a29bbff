import type { Audience } from "../../../domain/reminders/reminders.config";
import type { SkipReason } from "../../../domain/reminders/delivery-policy";
import type { OverviewRule } from "../../../domain/reminders/reminders.schema";

export const AUDIENCE_LABELS: Record<Audience | "nudge" | "test", string> = {
  everyone: "Mọi người tham gia",
  unfinished: "Người chưa hoàn thành",
  unit_leads: "Lãnh đạo đơn vị",
  qualified_unit_leads: "Lãnh đạo đơn vị vào Giai đoạn 2",
  finalists: "Đơn vị vào chung kết",
  nudge: "Lãnh đạo đơn vị nhắc trực tiếp",
  test: "Ban tổ chức gửi thử cho chính mình",
};

export const STATE_LABELS: Record<OverviewRule["state"], string> = {
  upcoming: "Sắp tới",
  due: "Đến giờ, chờ bộ gửi",
  sent: "Đã xếp hàng gửi",
  superseded: "Gộp vào lần nhắc sau",
  late: "Bỏ qua vì đã quá trễ",
  manual: "Theo yêu cầu",
};

export const REASON_LABELS: Record<SkipReason, string> = {
  no_zalo_id: "chưa đăng nhập bằng Zalo",
  no_consent: "chưa cho phép nhận thông báo",
  inactive: "không mở ứng dụng trong 7 ngày",
  finished: "đã hoàn thành trước khi gửi",
  quiet_hours: "ngoài giờ gửi",
  daily_cap: "hết hạn mức gửi trong ngày",
  user_daily_cap: "đã nhận 1 tin trong ngày",
  expired: "quá hạn",
  channel_off: "kênh Zalo chưa được cấu hình",
};

/** "3 chưa cho phép nhận thông báo, 1 không mở ứng dụng trong 7 ngày" */
export function describeReasons(counts: Partial<Record<SkipReason, number>>): string {
  return (Object.entries(counts) as [SkipReason, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${n.toLocaleString("vi-VN")} ${REASON_LABELS[reason]}`)
    .join(", ");
}
