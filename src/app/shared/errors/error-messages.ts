import type { ClientErrorCode } from "../api/api-client";
import { ApiRequestError } from "../api/api-client";

/** The only place where error codes become words a person reads. */
export const ERROR_MESSAGES: Record<ClientErrorCode, string> = {
  VALIDATION_FAILED: "Thông tin chưa hợp lệ. Vui lòng kiểm tra lại.",
  UNAUTHENTICATED: "Bạn cần đăng nhập để tiếp tục.",
  SESSION_EXPIRED: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
  NOT_FOUND: "Không tìm thấy nội dung yêu cầu.",
  CONFLICT: "Dữ liệu đã thay đổi. Vui lòng tải lại và thử lại.",
  RATE_LIMITED: "Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại.",
  INTERNAL: "Hệ thống đang gặp sự cố. Vui lòng thử lại sau.",
  ZALO_TOKEN_INVALID: "Zalo chưa xác nhận được tài khoản của bạn. Vui lòng mở lại ứng dụng.",
  ZALO_UNAVAILABLE: "Không kết nối được tới Zalo. Vui lòng thử lại sau ít phút.",
  PHONE_TOKEN_INVALID: "Không xác minh được số điện thoại. Vui lòng thử lại.",
  UNIT_UNKNOWN: "Đơn vị không có trong danh sách của cuộc thi.",
  DEV_AUTH_DISABLED: "Vui lòng mở ứng dụng trong Zalo để đăng nhập.",
  STAGE_NOT_OPEN: "Giai đoạn này chưa mở hoặc đã kết thúc.",
  LESSON_NOT_FOUND: "Không tìm thấy bài học.",
  PROGRESS_IMPLAUSIBLE: "Tiến độ xem không hợp lệ và chưa được ghi nhận.",
  LESSON_LOCKED: "Bạn cần hoàn thành bài học trước đó.",
  QUIZ_LOCKED: "Bạn cần hoàn thành tất cả bài học trong thời gian Giai đoạn 1 để làm bài kiểm tra.",
  ATTEMPT_NOT_FOUND: "Không tìm thấy bài làm.",
  ATTEMPT_CLOSED: "Bài làm đã kết thúc, không thể thay đổi câu trả lời.",
  ATTEMPT_LIMIT_REACHED: "Bạn đã dùng hết số lượt làm bài.",
  ATTEMPT_COOLDOWN: "Bạn cần chờ thêm trước khi làm lượt tiếp theo.",
  QUESTION_NOT_IN_PAPER: "Câu hỏi không thuộc đề của bạn.",
  OPTION_INVALID: "Phương án trả lời không hợp lệ.",
  REVIEW_NOT_AVAILABLE: "Đáp án và giải thích sẽ được công bố sau khi Giai đoạn 1 kết thúc.",
  ROSTER_INVALID: "Tệp danh sách cán bộ không hợp lệ.",
  CLAIM_NOT_FOUND: "Không tìm thấy yêu cầu gia nhập đơn vị.",
  STAGE_ALREADY_CLOSED: "Giai đoạn đã được chốt kết quả.",
  STAGE_STILL_OPEN: "Giai đoạn chưa kết thúc, chưa thể chốt kết quả.",
  SNAPSHOT_MISSING: "Chưa có bảng xếp hạng chốt của Giai đoạn 1.",
  NOTIFICATION_NOT_FOUND: "Không tìm thấy thông báo.",
  UNIT_CHANGE_NOT_ALLOWED: "Bạn đang có tên trong danh sách cán bộ của đơn vị nên không tự đổi đơn vị được. Hãy gửi yêu cầu gia nhập đơn vị mới để lãnh đạo đơn vị đó duyệt.",
  UPLOAD_TOO_COMPLEX: "Tệp quá lớn hoặc quá phức tạp để xử lý (vượt giới hạn về dung lượng giải nén, số dòng, số cột hoặc số ô gộp). Vui lòng rút gọn tệp rồi gửi lại.",
  TEXT_INVALID: "Nội dung chứa ký tự không hợp lệ. Vui lòng nhập lại.",
  NETWORK: "Mất kết nối mạng. Vui lòng kiểm tra kết nối và thử lại.",
  BAD_RESPONSE: "Máy chủ trả lời không như mong đợi. Vui lòng thử lại sau.",
};

/** Vietnamese text for any error thrown by the app or the API. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) return ERROR_MESSAGES[err.code];
  return ERROR_MESSAGES.INTERNAL;
}
