import { useParams, useSearchParams } from "react-router-dom";
import { Box, Icon, Page, useNavigate } from "zmp-ui";
import { learningEndpoints } from "../../../domain/learning/learning.endpoints";
import { call } from "../../shared/api/call";
import { useLoad } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { useSession } from "../../shared/state/session-state";
import { LessonPlayer } from "./lesson-player";
import { sendLessonProgress } from "./progress-outbox";

/** Send what this phone still holds for the lesson first, so the server's resume point and coverage are current. */
function useLessonDetail(lessonId: string, userId: string) {
  return useLoad(
    async (signal) => {
      // Offline or refused: the player still resumes from the phone's copy, and the page explains a refusal below.
      await sendLessonProgress(userId, lessonId).catch(() => undefined);
      return call(learningEndpoints.lesson, { params: { id: lessonId }, signal });
    },
    [lessonId, userId],
    { fresh: true },
  );
}

/** paths.lesson: one lesson's video, progress, key points and transcript. */
export function LessonPage() {
  const { lessonId = "" } = useParams();
  const [search] = useSearchParams();
  const t = Number(search.get("t"));
  const startAt = search.has("t") && Number.isFinite(t) && t >= 0 ? t : undefined;
  const { user } = useSession();
  const navigate = useNavigate();
  const detail = useLessonDetail(lessonId, user?.id ?? "");
  return (
    <Page className="page lesson-page">
      <Box p={4}>
        <button type="button" className="back-link" onClick={() => navigate(paths.learn.getHref())}>
          <span aria-hidden="true">
            <Icon icon="zi-chevron-left" />
          </span>
          Danh sách bài học
        </button>
        <LoadState {...detail} reload={() => void detail.reload()}>
          {(d) => (user ? <LessonPlayer key={d.lesson.id} data={d} userId={user.id} startAt={startAt} /> : null)}
        </LoadState>
      </Box>
    </Page>
  );
}
