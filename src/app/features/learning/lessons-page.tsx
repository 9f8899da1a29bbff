import { useEffect, useState } from "react";
import { Box, Button, Icon, Page, Progress, Text, useNavigate } from "zmp-ui";
import { learningEndpoints } from "../../../domain/learning/learning.endpoints";
import type { LessonListResponse, LessonSummary } from "../../../domain/learning/learning.schema";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { useSession } from "../../shared/state/session-state";
import { formatDuration, statusLabel } from "./learning-format";
import { mediaSrc } from "./media-src";
import { lessonOutbox, onOutboxChange, onProgressAccepted } from "./progress-outbox";

const pendingCount = (userId: string | undefined) => (userId ? lessonOutbox.pendingFor(userId).filter((e) => e.intervals.length > 0).length : 0);

/** How many lessons still have watched seconds waiting on the phone. */
function usePendingCount(userId: string | undefined): number {
  const [n, setN] = useState(() => pendingCount(userId));
  useEffect(() => {
    setN(pendingCount(userId));
    return onOutboxChange(() => setN(pendingCount(userId)));
  }, [userId]);
  return n;
}

function LessonRow({ l }: { l: LessonSummary }) {
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className={`lesson-item lesson-${l.status}${l.locked ? " lesson-locked" : ""}`}
        disabled={l.locked}
        onClick={() => navigate(paths.lesson.getHref(l.id))}
      >
        <img className="lesson-thumb" src={mediaSrc(l.posterUrl)} alt="" loading="lazy" width={112} height={63} />
        <span className="lesson-text">
          <span className="lesson-order">Bài {l.order} · {formatDuration(l.durationSec)}</span>
          <span className="lesson-title">{l.title}</span>
          <span className={`chip lesson-chip chip-${l.locked ? "locked" : l.status}`}>
            {l.status === "completed" || l.locked ? (
              <span aria-hidden="true">
                <Icon icon={l.status === "completed" ? "zi-check-circle-solid" : "zi-lock"} size={16} />
              </span>
            ) : null}
            {statusLabel(l)}
          </span>
        </span>
      </button>
    </li>
  );
}

function Overview({ list }: { list: LessonListResponse }) {
  const navigate = useNavigate();
  const nextUp = list.lessons.find((l) => l.status !== "completed" && !l.locked);
  return (
    <section className="card" aria-label="Tiến độ học">
      <Text bold>Đã hoàn thành {list.completedCount}/{list.total} bài học</Text>
      <Progress className="mt-2" completed={list.completedCount} maxCompleted={Math.max(1, list.total)} strokeWidth={8} />
      {list.allCompleted ? (
        <div className="mt-3" role="status">
          <Text bold className="ok-text">Bạn đã hoàn thành tất cả bài học!</Text>
          <Text size="small" className="mt-1">Bước tiếp theo: làm bài kiểm tra năng lực.</Text>
          <Button className="mt-2" fullWidth onClick={() => navigate(paths.test.getHref())}>Làm bài kiểm tra</Button>
        </div>
      ) : nextUp ? (
        <Button className="mt-3" fullWidth onClick={() => navigate(paths.lesson.getHref(nextUp.id))}>
          {nextUp.status === "in_progress" || list.completedCount > 0 ? "Học tiếp" : "Bắt đầu học"}: Bài {nextUp.order}
        </Button>
      ) : null}
      <Text size="small" className="muted mt-2">
        Một bài được tính là hoàn thành khi bạn đã xem ít nhất {Math.round(list.rules.completionThreshold * 100)}% thời lượng video
        {list.rules.requireOrder ? ", theo đúng thứ tự các bài" : ""}.
      </Text>
    </section>
  );
}

/** paths.learn: every lesson with my status, and the overall x/14. */
export function LessonsPage() {
  const { user } = useSession();
  const lessons = useApi(learningEndpoints.lessons);
  const pending = usePendingCount(user?.id);
  const { reload } = lessons;
  // A replayed report (network back) updates the list without a manual refresh.
  useEffect(() => onProgressAccepted(() => void reload()), [reload]);
  return (
    <Page className="page learn">
      <Box p={4}>
        <Text.Title size="xLarge">Bài học</Text.Title>
        {pending > 0 ? (
          <Text className="banner banner-offline" role="status">
            Có tiến độ xem của {pending} bài chưa gửi được. Ứng dụng sẽ tự gửi khi có mạng.
          </Text>
        ) : null}
        <LoadState {...lessons} reload={() => void reload()}>
          {(list) => (
            <>
              <Overview list={list} />
              <ol className="lesson-list mt-4" aria-label="Danh sách bài học">
                {list.lessons.map((l) => (
                  <LessonRow key={l.id} l={l} />
                ))}
              </ol>
            </>
          )}
        </LoadState>
      </Box>
    </Page>
  );
}
