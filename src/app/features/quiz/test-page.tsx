import { useState } from "react";
import { Box, Button, Modal, Page, Progress, Text, useNavigate } from "zmp-ui";
import { quizEndpoints } from "../../../domain/quiz/quiz.endpoints";
import type { AttemptSummary, QuizStatusResponse } from "../../../domain/quiz/quiz.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { COUNTED_TEXT, formatDuration, formatScore, lockReasonText, STATUS_TEXT } from "./quiz-format";
import { OverrideNotices } from "./override-notices";
import { quizOutbox } from "./quiz-outbox";

function AttemptRow({ a, serverNow }: { a: AttemptSummary; serverNow: string }) {
  const navigate = useNavigate();
  const reviewOpen = a.reviewOpensAt !== null && a.reviewOpensAt <= serverNow;
  return (
    <li className="card quiz-attempt-row">
      <div className="quiz-attempt-head">
        <Text bold>Lượt {a.number}</Text>
        <span className={`chip ${a.status === "active" ? "chip-open" : ""}`}>{STATUS_TEXT[a.status]}</span>
      </div>
      {a.score !== null ? (
        <Text>
          {formatScore(a.score)} điểm · {a.correctCount}/{a.questionCount} câu đúng{a.timeUsedSec !== null ? ` · ${formatDuration(a.timeUsedSec)}` : ""}
        </Text>
      ) : (
        <Text>
          Đã trả lời {a.answeredCount}/{a.questionCount} câu · hạn nộp {formatVnDateTime(a.dueAt)}
        </Text>
      )}
      <Text size="small" className="muted">Bắt đầu lúc {formatVnDateTime(a.startedAt)}</Text>
      <div className="quiz-attempt-actions">
        <Button size="small" variant="secondary" onClick={() => navigate(paths.attempt.getHref(a.id))}>
          {a.status === "active" ? "Tiếp tục làm bài" : "Xem kết quả"}
        </Button>
        {reviewOpen ? (
          <Button size="small" variant="tertiary" onClick={() => navigate(paths.review.getHref(a.id))}>
            Xem đáp án
          </Button>
        ) : null}
      </div>
    </li>
  );
}

function StatusView({ s, reload }: { s: QuizStatusResponse; reload: () => Promise<void> }) {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const { rules } = s;

  const startAction = useAction(
    async () => {
      const { attempt } = await call(quizEndpoints.startAttempt);
      navigate(paths.attempt.getHref(attempt.id));
    },
    { onError: () => void reload() },
  );
  const starting = startAction.busy;
  const start = async () => {
    setConfirming(false);
    await startAction.run();
  };

  return (
    <Box p={4}>
      <Text.Title size="xLarge">Bài kiểm tra năng lực</Text.Title>
      <section className="card mt-3" aria-label="Thể lệ bài kiểm tra">
        <ul className="quiz-rules">
          <li>{rules.questionCount} câu hỏi trắc nghiệm, chọn ngẫu nhiên từ ngân hàng câu hỏi của {s.lessons.total} bài học</li>
          <li>Thời gian làm bài: {rules.timeLimitMinutes} phút, tính từ lúc bắt đầu</li>
          <li>
            Tối đa {rules.attemptsAllowed} lượt, {COUNTED_TEXT[rules.countedAttempt]}
            {rules.cooldownMinutes ? `; các lượt cách nhau ít nhất ${rules.cooldownMinutes} phút` : ""}
          </li>
          <li>Hạn chót: {formatVnDateTime(s.stage.closesAt)}</li>
        </ul>
      </section>

      <section className="card mt-3" aria-label="Tiến độ học">
        <Text bold>
          Đã hoàn thành {s.lessons.completed}/{s.lessons.total} bài học
        </Text>
        <Progress className="mt-2" completed={s.lessons.completed} maxCompleted={Math.max(1, s.lessons.total)} />
        {s.lessons.completed < s.lessons.total ? (
          <Button className="mt-3" size="small" variant="secondary" onClick={() => navigate(paths.learn.getHref())}>
            Tiếp tục học
          </Button>
        ) : null}
      </section>

      {s.activeAttemptId ? (
        <Button className="mt-4" fullWidth onClick={() => navigate(paths.attempt.getHref(s.activeAttemptId!))}>
          Tiếp tục bài đang làm
        </Button>
      ) : s.canStart ? (
        <Button className="mt-4" fullWidth loading={starting} disabled={starting} onClick={() => setConfirming(true)}>
          {s.attemptsUsed ? `Làm lượt ${s.attemptsUsed + 1}` : "Bắt đầu làm bài"}
        </Button>
      ) : (
        <section className="card mt-4 quiz-locked" role="status" aria-label="Chưa thể làm bài">
          <Text bold>
            Chưa thể bắt đầu lượt làm bài
          </Text>
          <ul className="reasons">
            {s.reasons.map((r) => (
              <li key={r}>{lockReasonText(r, s)}</li>
            ))}
          </ul>
        </section>
      )}

      {s.countedScore !== null ? (
        <section className="card mt-4" aria-label="Kết quả được tính">
          <Text size="small" className="muted">Điểm được tính</Text>
          <p className="quiz-score">
            {formatScore(s.countedScore)} <small>điểm / 100</small>
          </p>
          {s.rank ? <Text>Xếp hạng {s.rank.position}/{s.rank.of} trong {s.rank.unitName}</Text> : null}
        </section>
      ) : null}

      {s.attempts.length ? (
        <section className="mt-4" aria-labelledby="attempts-title">
          <Text.Title id="attempts-title" size="large">Các lượt đã làm</Text.Title>
          <ul className="quiz-attempt-list">
            {s.attempts.map((a) => (
              <AttemptRow key={a.id} a={a} serverNow={s.serverNow} />
            ))}
          </ul>
        </section>
      ) : null}

      <Modal
        visible={confirming}
        title="Bắt đầu làm bài?"
        onClose={() => setConfirming(false)}
        actions={[
          { text: "Để sau", close: true, onClick: () => setConfirming(false) },
          { text: "Bắt đầu", highLight: true, onClick: () => void start() },
        ]}
      >
        <p className="quiz-confirm">
          Đồng hồ {rules.timeLimitMinutes} phút bắt đầu chạy ngay và không dừng lại khi bạn thoát ứng dụng. Mỗi câu trả lời được lưu ngay khi bạn chọn.
        </p>
      </Modal>
    </Box>
  );
}

/** Without a connection the status cannot load, but an attempt kept on the phone can still go on. */
function OfflineResume() {
  const navigate = useNavigate();
  const kept = quizOutbox.cachedActive().filter((a) => Date.parse(a.dueAt) > Date.now());
  if (!kept.length) return null;
  return (
    <Box px={4}>
      {kept.map((a) => (
        <Button key={a.attemptId} fullWidth onClick={() => navigate(paths.attempt.getHref(a.attemptId))}>
          Tiếp tục bài đang làm (đã lưu trên điện thoại)
        </Button>
      ))}
    </Box>
  );
}

/** paths.test: whether I may take the test (and why not), the rules, my attempts and my counted score. */
export function TestPage() {
  const status = useApi(quizEndpoints.status);
  const offline = status.error instanceof ApiRequestError && status.error.code === "NETWORK";
  return (
    <Page className="page quiz-home">
      <OverrideNotices />
      <LoadState {...status} reload={() => void status.reload()}>
        {(s) => <StatusView s={s} reload={status.reload} />}
      </LoadState>
      {offline && !status.data ? <OfflineResume /> : null}
    </Page>
  );
}
