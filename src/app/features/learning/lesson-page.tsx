import { useCallback, useEffect, useState } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { Box, Icon, Page, useNavigate } from "zmp-ui";
import { type LessonDetailResponse, LessonDetailResponseSchema } from "../../../domain/learning/learning.schema";
import { api } from "../../shared/api/api-client";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { useSession } from "../../shared/state/session-state";
import { LessonPlayer } from "./lesson-player";
import { sendLessonProgress } from "./progress-outbox";

/** Send what this phone still holds for the lesson first, so the server's resume point and coverage are current. */
function useLessonDetail(lessonId: string, userId: string) {
  const [data, setData] = useState<LessonDetailResponse | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      // Offline or refused: the player still resumes from the phone's copy, and the page explains a refusal below.
      await sendLessonProgress(userId, lessonId).catch(() => undefined);
      setData(await api.get(`/api/lessons/${encodeURIComponent(lessonId)}`, LessonDetailResponseSchema));
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [lessonId, userId]);
  useEffect(() => {
    setData(undefined);
    void load();
  }, [load]);
  return { data, error, loading, reload: load };
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
