import { Text } from "zmp-ui";
import type { PrivacyNoticeResponse } from "../../../domain/privacy/privacy.schema";
import { privacyEndpoints } from "../../../domain/privacy/privacy.endpoints";
import { formatVnDate } from "../../../domain/shared/time";
import { useApi } from "../api/use-api";
import { LoadState } from "./load-state";

/** The law in force, named the same way everywhere in the app. */
export const PRIVACY_LAW = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (có hiệu lực từ 01/01/2026) và Nghị định 356/2025/NĐ-CP";

function NoticeBody({ n }: { n: PrivacyNoticeResponse }) {
  return (
    <>
      <h3 className="notice-heading">Ai kiểm soát dữ liệu</h3>
      <Text>
        {n.controller} — Ban tổ chức cuộc thi “{n.contestName}”. Liên hệ:
      </Text>
      <ul className="reasons">
        {n.contacts.map((c) => (
          <li key={`${c.kind}-${c.value}`}>
            {c.label}: {c.value}
          </li>
        ))}
      </ul>
      <h3 className="notice-heading">Dữ liệu được thu thập</h3>
      <ul className="reasons">
        <li>Họ tên, tên và mã người dùng Zalo; đơn vị, bộ phận, chức vụ.</li>
        <li>Số điện thoại — chỉ khi bạn đồng ý chia sẻ qua Zalo.</li>
        <li>Tiến độ học, các lần làm bài kiểm tra và câu trả lời, điểm số.</li>
        <li>Thông báo nhắc hạn gửi tới bạn và lựa chọn đồng ý nhận thông báo của bạn.</li>
      </ul>
      <h3 className="notice-heading">Vì sao</h3>
      <Text>
        Để xác định bạn, đối chiếu với danh sách cán bộ đơn vị gửi Ban tổ chức, tính tỷ lệ tham gia và xếp hạng đơn vị, nhắc hạn cuộc thi. Dữ liệu chỉ dùng cho cuộc thi,
        chỉ lãnh đạo đơn vị của bạn và Ban tổ chức được xem, không chia sẻ cho bên thứ ba.
      </Text>
      <h3 className="notice-heading">Lưu trong bao lâu</h3>
      <Text>
        Đến khi cuộc thi kết thúc ({formatVnDate(n.contestEndsAt)}) và thêm {n.retainDaysAfterContest} ngày, tức đến {formatVnDate(n.retainUntil)}; sau đó dữ liệu cá nhân
        được ẩn danh. Kết quả xếp hạng đơn vị đã công bố không chứa tên người và được giữ nguyên.
      </Text>
      <h3 className="notice-heading">Quyền của bạn</h3>
      <ul className="reasons">
        <li>Xem và tải về toàn bộ dữ liệu về bạn (Cá nhân → Dữ liệu của tôi).</li>
        <li>Yêu cầu sửa hoặc xoá dữ liệu; Ban tổ chức trả lời trong {n.responseDays} ngày.</li>
        <li>Rút lại sự đồng ý nhận thông báo bất cứ lúc nào; không chia sẻ số điện thoại vẫn được tham gia.</li>
        <li>Khiếu nại tới Ban tổ chức theo các liên hệ trên.</li>
      </ul>
      <Text size="small" className="muted mt-2">
        Căn cứ: {PRIVACY_LAW}.
      </Text>
    </>
  );
}

/** The privacy notice (what, why, who, how long, rights), with the facts from the pack. */
export function PrivacyNotice() {
  const notice = useApi(privacyEndpoints.notice);
  return (
    <section className="card privacy-notice mt-3" aria-labelledby="privacy-notice-title">
      <Text.Title id="privacy-notice-title" size="large">
        Thông báo xử lý dữ liệu cá nhân
      </Text.Title>
      <LoadState {...notice}>{(n) => <NoticeBody n={n} />}</LoadState>
    </section>
  );
}
