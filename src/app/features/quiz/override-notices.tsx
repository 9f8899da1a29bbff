import { Box, Text } from "zmp-ui";
import { quizOverridesEndpoints } from "../../../domain/quiz/overrides.endpoints";
import type { OverrideNotice } from "../../../domain/quiz/overrides.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { useApi } from "../../shared/api/use-api";

function noticeText(n: OverrideNotice): string {
  const which = n.attemptNumber ? `lượt ${n.attemptNumber}` : "";
  switch (n.kind) {
    case "extra_time":
      return `Ban tổ chức cộng thêm ${n.minutes} phút cho ${which}.`;
    case "reopen":
      return `Ban tổ chức mở lại ${which} (thêm ${n.minutes} phút từ lúc mở).`;
    case "void":
      return `Ban tổ chức đã hủy kết quả ${which}: lượt này không được tính.`;
    case "extra_attempt":
      return "Ban tổ chức cho bạn thêm một lượt thi.";
  }
}

/** On my test page: what organisers changed about my test, and why (nothing changes silently). */
export function OverrideNotices() {
  const notices = useApi(quizOverridesEndpoints.myNotices);
  const list = notices.data?.notices ?? [];
  if (list.length === 0) return null;
  return (
    <Box px={4} pt={4}>
      <section aria-label="Thay đổi từ Ban tổ chức" className="notice-card">
        <Text.Title size="large">Thay đổi từ Ban tổ chức</Text.Title>
        <ul>
          {list.map((n) => (
            <li key={n.id} className="mt-2">
              <Text>{noticeText(n)}</Text>
              <Text size="small">
                Lý do: {n.reason} · {formatVnDateTime(n.at)}
              </Text>
            </li>
          ))}
        </ul>
      </section>
    </Box>
  );
}
